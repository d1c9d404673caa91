//! The string scan sixteen bytes at a time, for targets with 128-bit SIMD:
//! the edge build's wasm (`-C target-feature=+simd128`) and x86-64 (SSE2 is
//! part of its baseline), so the native benchmarks measure the same
//! algorithm. Held to the byte-at-a-time reading by the test below, natively
//! and in wasm (`make test-wasm` runs it under wasm-bindgen-test, +simd128).

use super::string::plain_end_bytewise;

/// See [`super::string::plain_end`].
#[inline(always)]
pub(super) fn plain_end(src: &[u8], from: usize) -> usize {
    let mut i = from;
    while let Some(chunk) = src.get(i..i + 16) {
        let mask = special_mask(chunk);
        if mask != 0 {
            return i + mask.trailing_zeros() as usize;
        }
        i += 16;
    }
    plain_end_bytewise(src, i)
}

/// Bit `k` set if byte `k` of the 16 is `"`, `\` or below 0x20.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[inline(always)]
fn special_mask(chunk: &[u8]) -> u32 {
    use core::arch::wasm32::*;
    debug_assert_eq!(chunk.len(), 16);
    // SAFETY: `chunk` is 16 readable bytes; v128_load has no alignment
    // requirement.
    let v = unsafe { v128_load(chunk.as_ptr().cast::<v128>()) };
    let quote = u8x16_eq(v, u8x16_splat(b'"'));
    let backslash = u8x16_eq(v, u8x16_splat(b'\\'));
    let control = u8x16_lt(v, u8x16_splat(0x20));
    u32::from(u8x16_bitmask(v128_or(v128_or(quote, backslash), control)))
}

/// Bit `k` set if byte `k` of the 16 is `"`, `\` or below 0x20.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn special_mask(chunk: &[u8]) -> u32 {
    use core::arch::x86_64::*;
    debug_assert_eq!(chunk.len(), 16);
    // SAFETY: `chunk` is 16 readable bytes; _mm_loadu_si128 has no
    // alignment requirement, and SSE2 is in the target's baseline.
    unsafe {
        let v = _mm_loadu_si128(chunk.as_ptr().cast::<__m128i>());
        let quote = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'"' as i8));
        let backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'\\' as i8));
        // Unsigned v < 0x20 as min(v, 0x1f) == v.
        let control = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1f)), v);
        _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(quote, backslash), control)) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::super::string::{plain_end_bytewise, plain_end_swar};
    use super::plain_end;

    /// Every offset of texts that put each kind of byte at each place of a
    /// block and across blocks' edges: the same answer from all three.
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn every_reading_finds_the_same_byte() {
        let specials = [b'"', b'\\', 0x00, 0x1f, b'\n'];
        let plain = [
            b'a', b' ', 0x20, 0x7f, 0x80, 0xff, 0xc3, b'/', b'!', b'#', b']',
        ];
        let mut texts: Vec<Vec<u8>> = vec![vec![]];
        for len in [1usize, 7, 8, 9, 15, 16, 17, 31, 32, 33, 40] {
            for (n, &p) in plain.iter().enumerate() {
                let base: Vec<u8> = (0..len)
                    .map(|i| plain[(i + n) % plain.len()].max(p))
                    .collect();
                texts.push(base.clone());
                for at in 0..len {
                    for &sp in &specials {
                        let mut t = base.clone();
                        t[at] = sp;
                        texts.push(t);
                    }
                }
            }
        }
        for t in &texts {
            for from in 0..=t.len() {
                let want = plain_end_bytewise(t, from);
                assert_eq!(plain_end(t, from), want, "{t:?} from {from}");
                assert_eq!(plain_end_swar(t, from), want, "{t:?} from {from}");
            }
        }
    }
}

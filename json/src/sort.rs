//! An in-place heapsort: O(n log n) whatever the input (no case an attacker
//! could pick to make it slow), and a few hundred bytes of wasm where the
//! standard library's unstable sort is some 4 KB.

/// Sorts `v` so that no element is `less` than the one before it.
pub(crate) fn heapsort<T>(v: &mut [T], less: impl Fn(&T, &T) -> bool) {
    // Moves v[root] down until it is not less than its children (within end).
    let sift = |v: &mut [T], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            break;
        }
        if child + 1 < end && less(&v[child], &v[child + 1]) {
            child += 1;
        }
        if !less(&v[root], &v[child]) {
            break;
        }
        v.swap(root, child);
        root = child;
    };
    let n = v.len();
    for root in (0..n / 2).rev() {
        sift(v, root, n);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift(v, 0, end);
    }
}

#[cfg(test)]
mod tests {
    use super::heapsort;

    #[test]
    fn sorts_like_the_standard_library() {
        // A fixed pseudo-random sequence (an LCG), with many repeats.
        let mut x = 12345u32;
        for len in [0usize, 1, 2, 3, 7, 16, 17, 100, 1000] {
            for spread in [2u32, 10, 1 << 20] {
                let v: Vec<u32> = (0..len)
                    .map(|_| {
                        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                        (x >> 8) % spread
                    })
                    .collect();
                let mut ours = v.clone();
                heapsort(&mut ours, |a, b| a < b);
                let mut theirs = v;
                theirs.sort_unstable();
                assert_eq!(ours, theirs, "len {len}, spread {spread}");
            }
        }
        let mut sorted: Vec<u32> = (0..50).collect();
        heapsort(&mut sorted, |a, b| a < b);
        assert_eq!(sorted, (0..50).collect::<Vec<_>>());
        let mut reversed: Vec<u32> = (0..50).rev().collect();
        heapsort(&mut reversed, |a, b| a < b);
        assert_eq!(reversed, (0..50).collect::<Vec<_>>());
    }
}

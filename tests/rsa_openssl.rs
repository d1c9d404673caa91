//! RSA-SHA256 cross-checked with the openssl command line, both ways:
//! openssl verifies what the SDK signed, the SDK verifies what openssl signed.
#![cfg(feature = "rsa")]

use smart_glocal::signature::{base64, RsaSha256Signer, RsaSha256Verifier, Signer, Verifier};
use smart_glocal::Error;
use std::path::{Path, PathBuf};
use std::process::Command;

fn openssl(args: &[&str], dir: &Path) -> std::process::Output {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("openssl on PATH");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn keypair(dir: &Path, name: &str, spec: &[&str]) -> (String, String) {
    let key = format!("{name}.pem");
    let public = format!("{name}.pub.pem");
    let mut args = vec!["genpkey"];
    args.extend_from_slice(spec);
    args.extend_from_slice(&["-out", &key]);
    openssl(&args, dir);
    openssl(&["pkey", "-in", &key, "-pubout", "-out", &public], dir);
    (
        std::fs::read_to_string(dir.join(&key)).unwrap(),
        std::fs::read_to_string(dir.join(&public)).unwrap(),
    )
}

fn tmp() -> PathBuf {
    let d = std::env::temp_dir().join(format!("sg-rsa-{}-{}", std::process::id(), rand_suffix()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn rand_suffix() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish()
}

const BODY: &[u8] =
    br#"{"type":"payment_finished","session":{"id":"ps_3230","status":"accepted"}}"#;

#[test]
fn openssl_verifies_what_the_sdk_signed_and_back() {
    let dir = tmp();
    let (private, public) = keypair(
        &dir,
        "partner",
        &["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
    );
    std::fs::write(dir.join("body.json"), BODY).unwrap();

    // SDK signs, openssl verifies.
    let sig = RsaSha256Signer::from_pem(&private).unwrap().sign(BODY);
    std::fs::write(dir.join("sdk.sig"), base64::decode(sig.bytes()).unwrap()).unwrap();
    let out = openssl(
        &[
            "dgst",
            "-sha256",
            "-verify",
            "partner.pub.pem",
            "-signature",
            "sdk.sig",
            "body.json",
        ],
        &dir,
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "Verified OK");

    // openssl signs, SDK verifies.
    openssl(
        &[
            "dgst",
            "-sha256",
            "-sign",
            "partner.pem",
            "-out",
            "openssl.sig",
            "body.json",
        ],
        &dir,
    );
    let theirs = base64::encode(&std::fs::read(dir.join("openssl.sig")).unwrap());
    let verifier = RsaSha256Verifier::from_pem(&public).unwrap();
    assert_eq!(verifier.verify(BODY, &theirs), Ok(()));
    // PKCS#1 v1.5 is deterministic: both sign the same bytes the same way.
    assert_eq!(theirs, sig);

    // Tampered body, wrong key, garbage signatures.
    assert_eq!(verifier.verify(b"{}", &theirs), Err(Error::BadSignature));
    let (_, other_public) = keypair(
        &dir,
        "other",
        &["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
    );
    assert_eq!(
        RsaSha256Verifier::from_pem(&other_public)
            .unwrap()
            .verify(BODY, &theirs),
        Err(Error::BadSignature)
    );
    for bad in ["", "not base64!", "AAAA", &theirs[..theirs.len() - 4]] {
        assert_eq!(
            verifier.verify(BODY, bad),
            Err(Error::BadSignature),
            "{bad:?}"
        );
    }
    // The webhook path: verify, then parse.
    let ev = smart_glocal::webhook::verify_event(&verifier, BODY, Some(&theirs)).unwrap();
    assert_eq!(ev.session.id, "ps_3230");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn bad_keys_are_invalid_key_and_never_echoed() {
    let dir = tmp();
    let (small, small_pub) = keypair(
        &dir,
        "small",
        &["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024"],
    );
    let (ec, ec_pub) = keypair(
        &dir,
        "ec",
        &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
    );
    let (rsa, rsa_pub) = keypair(
        &dir,
        "ok",
        &["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
    );
    openssl(
        &["pkey", "-in", "ok.pem", "-traditional", "-out", "pkcs1.pem"],
        &dir,
    );
    let pkcs1 = std::fs::read_to_string(dir.join("pkcs1.pem")).unwrap();
    let body_line = |pem: &str| pem.lines().nth(1).unwrap().to_string();
    let cases: Vec<(Result<(), Error>, &str, &str)> = vec![
        (
            RsaSha256Signer::from_pem(&small).map(drop),
            "under 2048 bits",
            &small,
        ),
        (
            RsaSha256Verifier::from_pem(&small_pub).map(drop),
            "under 2048 bits",
            &small_pub,
        ),
        (
            RsaSha256Signer::from_pem(&ec).map(drop),
            "not an RSA key",
            &ec,
        ),
        (
            RsaSha256Verifier::from_pem(&ec_pub).map(drop),
            "not an RSA key",
            &ec_pub,
        ),
        (
            RsaSha256Signer::from_pem(&pkcs1).map(drop),
            "PKCS#8",
            &pkcs1,
        ),
        (
            RsaSha256Signer::from_pem(&rsa_pub).map(drop),
            "BEGIN PRIVATE KEY",
            &rsa_pub,
        ),
        (
            RsaSha256Verifier::from_pem(&rsa).map(drop),
            "BEGIN PUBLIC KEY",
            &rsa,
        ),
        (
            RsaSha256Signer::from_pem(
                "-----BEGIN PRIVATE KEY-----\ngarbage!!\n-----END PRIVATE KEY-----",
            )
            .map(drop),
            "not base64",
            "",
        ),
    ];
    for (result, expected, pem) in cases {
        let e = result.unwrap_err();
        assert_eq!(e.code(), "invalid_key");
        let m = e.message();
        assert!(m.contains(expected), "{m}");
        if !pem.is_empty() {
            assert!(
                !m.contains(&body_line(pem)),
                "the message echoes key material: {m}"
            );
        }
    }
    std::fs::remove_dir_all(dir).ok();
}

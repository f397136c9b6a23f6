//! The committed TypeScript bindings match the Rust types.

use std::path::PathBuf;

#[test]
fn typescript_bindings_are_up_to_date() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/platform/bindings.ts");
    let fresh = relance_wire::bindings::typescript();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &fresh).expect("write bindings");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/src/platform/bindings.ts is stale: run `UPDATE_BINDINGS=1 cargo test -p relance-wire` and commit it"
    );
}

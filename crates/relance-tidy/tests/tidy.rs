//! Tidy checks: the architecture's invariants, enforced by `cargo test`.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use walkdir::WalkDir;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

/// Source files below `dir` with one of `exts`, skipping build output and dependencies.
fn sources(dir: &str, exts: &[&str]) -> Vec<(PathBuf, String)> {
    WalkDir::new(root().join(dir))
        .into_iter()
        .filter_entry(|e| !matches!(e.file_name().to_str(), Some("target" | "node_modules" | "dist" | "gen")))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| e.path().extension().and_then(|x| x.to_str()).is_some_and(|x| exts.contains(&x)))
        .map(|e| {
            let text = std::fs::read_to_string(e.path()).unwrap_or_default();
            (e.path().to_path_buf(), text)
        })
        .collect()
}

fn rel(p: &Path) -> String {
    p.strip_prefix(root()).unwrap_or(p).display().to_string()
}

/// Lines of `files` matching `pred`, as "path:line: text".
fn offending(files: &[(PathBuf, String)], pred: impl Fn(&str) -> bool) -> Vec<String> {
    let mut out = Vec::new();
    for (path, text) in files {
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if pred(code) {
                out.push(format!("{}:{}: {}", rel(path), n + 1, line.trim()));
            }
        }
    }
    out
}

#[test]
fn no_floating_point_in_rust_code() {
    let mut files = sources("crates", &["rs"]);
    files.extend(sources("src-tauri/src", &["rs"]));
    files.retain(|(p, _)| !p.ends_with("tidy.rs"));
    // printpdf's coordinates are f32 points: the letters' renderer converts its integer milli-points
    // there and nowhere else, and may name f32 (never f64, and no money goes through it).
    let renderer = "crates/relance-letters/src/pdf.rs";
    let (allowed, others): (Vec<_>, Vec<_>) = files.into_iter().partition(|(p, _)| rel(p) == renderer);
    let names =
        |l: &str, floats: &[&str]| l.split(|c: char| !c.is_alphanumeric() && c != '_').any(|w| floats.contains(&w));
    let mut hits = offending(&others, |l| names(l, &["f64", "f32"]));
    hits.extend(offending(&allowed, |l| names(l, &["f64"])));
    assert!(hits.is_empty(), "money is Decimal, never float:\n{}", hits.join("\n"));
}

#[test]
fn only_the_store_contains_sql() {
    let mut files = sources("crates", &["rs"]);
    files.extend(sources("src-tauri/src", &["rs"]));
    // Tests may look inside the file directly; production code may not.
    files.retain(|(p, _)| !rel(p).starts_with("crates/relance-store") && rel(p).contains("/src/"));
    let hits = offending(&files, |l| {
        l.contains("rusqlite") || ["SELECT ", "INSERT INTO", "UPDATE ", "DELETE FROM"].iter().any(|k| l.contains(k))
    });
    assert!(hits.is_empty(), "SQL belongs in relance-store:\n{}", hits.join("\n"));
}

#[test]
fn only_the_shell_knows_tauri() {
    let files = sources("crates", &["rs", "toml"]);
    let hits = offending(&files, |l| l.contains("tauri::") || l.trim_start().starts_with("tauri"));
    let hits: Vec<_> = hits.into_iter().filter(|h| !h.contains("relance-tidy")).collect();
    assert!(hits.is_empty(), "tauri is for src-tauri only:\n{}", hits.join("\n"));
}

#[test]
fn the_domain_has_no_io_and_no_clock() {
    let files = sources("crates/relance-domain/src", &["rs"]);
    let hits = offending(&files, |l| {
        ["std::fs", "std::net", "std::env", "std::process", "Utc::now", "Local::now", "SystemTime", "Instant::now"]
            .iter()
            .any(|k| l.contains(k))
    });
    assert!(hits.is_empty(), "the domain is pure:\n{}", hits.join("\n"));
}

#[test]
fn only_the_platform_folder_imports_tauri_api_and_no_markup_from_data() {
    let files = sources("ui/src", &["ts", "tsx"]);
    let outside: Vec<_> = files
        .iter()
        .filter(|(p, _)| !rel(p).starts_with("ui/src/platform") && !rel(p).contains(".test."))
        .cloned()
        .collect();
    let hits = offending(&outside, |l| l.contains("@tauri-apps/api"));
    assert!(hits.is_empty(), "only ui/src/platform talks to the back end:\n{}", hits.join("\n"));
    let hits = offending(&files, |l| l.contains("innerHTML") || l.contains("dangerouslySetInnerHTML"));
    let hits: Vec<_> = hits.into_iter().filter(|h| !h.contains(".test.")).collect();
    assert!(hits.is_empty(), "text never becomes markup:\n{}", hits.join("\n"));
}

/// Released migrations, pinned by SHA-256. A released migration is never
/// edited: add a new one. Add a line here when a version ships.
const RELEASED: &[(i64, &str)] = &[
    (1, "676e34af8bdf29d7770b8166223e9d3eb23ec5e42e86301a0df6933a0efca159"),
    (2, "864c4b5514b7fbac39c35b21826783d9410d1fd6745f559d43858eefbe65de87"),
    (3, "25f43781402c6836b83edb88a053d0df5cb7addd5d2b76a98c8304e0969c3038"),
    (4, "ea767c0dd824088ea6e6d0a67de53310d42e8804dd0ecd0ec5e412f205de4dce"),
    (5, "18d67c5c9d593d57465880624cc600049b939c1d717ea860690b6cbf0c7030bb"),
    (6, "74e5b6608ee1c1d8f518c5b9219ff5ab0551e2b881895610db2a0c705dda426a"),
    (7, "c30f64027dc92d2bc441f9be2cefa4a9e157500ba0471691fb3acd210304a42f"),
    (8, "2f0f87a6f49be3e6461bafbbfc152d721bcaeadb8eacae3b1adce0607fecabd3"),
    (9, "62e30918c89594e89a9ea8ca2915c4de3e0c287a9c6f36098d77293d01859415"),
    (10, "ff0bc6da62afdaf4fd2c08398de10d75dd5bc445d28b35c1a79e48b3f8abc1a7"),
    (11, "b185d1ebe996b76e4cd1b756cb237f4f7bef73045bcb2114aa5354331fc041b5"),
    (12, "cddae7727407f27d0549b37c709d8c15f4976407598d541053f5cd0fb29daf59"),
    (13, "7b7edd6ed30f9bd44684256804e5a03d2c16a59ea1841f8ee29922e0a2236b6e"),
    (14, "8ac37e950b9ee8d23192e52b1d13f71062b06ce11e64051f6ff9772cb32ad680"),
    (15, "2eaf93594e47da814727d71c33bd9438a7352ea9ba843e24b6379f97ddc4bd1d"),
];

#[test]
fn released_migrations_are_unchanged() {
    let known = relance_store::known_versions();
    for (version, sha) in RELEASED {
        let (_, name, sql) = known.iter().find(|(v, _, _)| v == version).expect("a released migration was removed");
        let got = format!("{:x}", Sha256::digest(sql.as_bytes()));
        assert_eq!(&got, sha, "migration {version} ({name}) was edited after release");
    }
    let versions: Vec<i64> = known.iter().map(|(v, _, _)| *v).collect();
    let expected: Vec<i64> = (1..=versions.len() as i64).collect();
    assert_eq!(versions, expected, "migrations are numbered 1, 2, 3... without gaps");
}

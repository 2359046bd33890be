//! The output folder as a careless or unlucky user meets it: `--output` pointed at the
//! sources or at someone's documents, and builds killed at any moment.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{pmo, snapshot, stderr, Site};

/// `pmo --root ROOT ARGS…`.
fn pmo_in(root: &Path, args: &[&str]) -> Output {
    let root = root.to_str().unwrap();
    pmo(&[&["--root", root], args].concat())
}

#[test]
fn an_output_folder_among_the_sources_is_refused_and_nothing_is_deleted() {
    let site = Site::fixture("basic");
    let root = site.root();
    let before = snapshot(root);
    let outside = root.parent().unwrap().to_str().unwrap().to_string();
    for out in [
        ".",
        "content",
        "content/lessons",
        "content/practices/risk",
        "data",
        "static",
        "content/new-place",
        &outside,
    ] {
        for force in [false, true] {
            let target = root.join(out);
            let mut args = vec!["build", "--output", target.to_str().unwrap()];
            if force {
                args.push("--force");
            }
            let result = pmo_in(root, &args);
            assert_eq!(result.status.code(), Some(1), "--output {out}");
            let text = stderr(&result);
            assert!(text.contains("refusing to write the site"), "{out}: {text}");
            assert_eq!(snapshot(root), before, "--output {out} changed the sources");
        }
    }
}

#[test]
fn a_folder_pmo_did_not_write_needs_force() {
    let site = Site::fixture("basic");
    let tmp = tempfile::tempdir().unwrap();
    let other = tmp.path().join("some-folder");
    fs::create_dir(&other).unwrap();
    fs::write(other.join("thesis.docx"), "four years of work").unwrap();

    let result = pmo_in(site.root(), &["build", "--output", other.to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(1));
    let text = stderr(&result);
    assert!(text.contains("thesis.docx"), "{text}");
    assert!(text.contains("--force"), "the help says how: {text}");
    assert!(other.join("thesis.docx").exists());

    let result = pmo_in(
        site.root(),
        &["build", "--output", other.to_str().unwrap(), "--force"],
    );
    assert!(result.status.success(), "{}", stderr(&result));
    assert!(other.join("index.html").exists());
    assert!(!other.join("thesis.docx").exists());
    // Now it is pmo's: the next build needs no --force.
    let result = pmo_in(site.root(), &["build", "--output", other.to_str().unwrap()]);
    assert!(result.status.success(), "{}", stderr(&result));
}

#[test]
fn an_empty_folder_is_used_and_a_file_is_refused() {
    let site = Site::fixture("basic");
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("empty");
    fs::create_dir(&empty).unwrap();
    let result = pmo_in(site.root(), &["build", "--output", empty.to_str().unwrap()]);
    assert!(result.status.success(), "{}", stderr(&result));
    assert!(empty.join("index.html").exists());

    let file = tmp.path().join("notes.txt");
    fs::write(&file, "keep me").unwrap();
    let result = pmo_in(
        site.root(),
        &["build", "--output", file.to_str().unwrap(), "--force"],
    );
    assert_eq!(result.status.code(), Some(1));
    assert_eq!(fs::read_to_string(&file).unwrap(), "keep me");
}

/// Kills builds at moments spread over a whole build, the swap included, and checks
/// after each that `public/` holds one whole site: the previous one or the new one.
#[test]
fn a_killed_build_leaves_the_old_site_or_the_new_one() {
    let site = Site::fixture("basic");
    let root = site.root();
    let build = |root: &Path| {
        Command::new(env!("CARGO_BIN_EXE_pmo"))
            .arg("--root")
            .arg(root)
            .arg("build")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    let started = Instant::now();
    assert!(build(root).wait().unwrap().success());
    let took = started.elapsed();
    let old = snapshot(&site.public());
    // The next builds add a page, so the new site has a file the old one lacks.
    site.write(
        "content/about-2.md",
        "---\ntitle: 关于二\n---\n\n第二个关于页。\n",
    );
    let started = Instant::now();
    assert!(build(root).wait().unwrap().success());
    let took = took.max(started.elapsed());
    let new = snapshot(&site.public());
    assert_ne!(new, old);

    // Put the old site back as the published one, then kill builds of the new one.
    let restore_old = || {
        site.remove("content/about-2.md");
        assert!(build(root).wait().unwrap().success());
        site.write(
            "content/about-2.md",
            "---\ntitle: 关于二\n---\n\n第二个关于页。\n",
        );
    };
    restore_old();
    let kills = 24u32;
    let mut seen_new = 0;
    for i in 0..kills {
        // From the start to a little past the end of a build, evenly, with a jitter.
        let base = took.mul_f64(1.2 * f64::from(i) / f64::from(kills));
        let jitter = Duration::from_micros(u64::from(i.wrapping_mul(7919) % 997));
        let mut child = build(root);
        std::thread::sleep(base + jitter);
        let _ = child.kill();
        let _ = child.wait();
        let now = snapshot(&site.public());
        assert!(
            now == new || now == old,
            "after a kill at {:?}, public/ holds neither site: {} files",
            base + jitter,
            now.len()
        );
        assert!(site.public().join(pmo_portal::MARKER).is_file());
        if now == new {
            seen_new += 1;
            restore_old();
        }
    }
    // A build after all that succeeds and leaves nothing beside public/.
    assert!(build(root).wait().unwrap().success());
    assert!(snapshot(&site.public()) == new);
    let leftovers: Vec<_> = fs::read_dir(root)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    eprintln!("{seen_new} of {kills} killed builds had already swapped");
}

/// An output folder that is a symbolic link to an empty folder elsewhere: the build put
/// its own folder in the link's place, and wrote its marker into the folder the link
/// named, outside the output. A later `--output` there took that folder for pmo's own
/// and deleted what its owner had put in it since (the eleventh hunt for script).
#[test]
fn a_linked_output_folder_s_target_is_never_written() {
    let site = Site::fixture("basic");
    let tmp = tempfile::tempdir().unwrap();
    let elsewhere = tmp.path().join("documents");
    fs::create_dir(&elsewhere).unwrap();
    let link = tmp.path().join("public");
    std::os::unix::fs::symlink(&elsewhere, &link).unwrap();
    let result = pmo_in(site.root(), &["build", "--output", link.to_str().unwrap()]);
    assert!(result.status.success(), "{}", stderr(&result));
    assert!(link.join("index.html").exists());
    assert_eq!(fs::read_dir(&elsewhere).unwrap().count(), 0);

    fs::write(elsewhere.join("thesis.docx"), "four years of work").unwrap();
    let result = pmo_in(
        site.root(),
        &["build", "--output", elsewhere.to_str().unwrap()],
    );
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
    assert!(elsewhere.join("thesis.docx").exists());
}

/// A theme kept elsewhere for several portals and linked in (`themes/mine` → a shared
/// folder) is a source as `themes/` is: `--output themes/mine/static/out` wrote the site
/// into the shared theme, whose next build published it again inside itself, and into
/// every portal using it (the eleventh hunt for script).
#[test]
fn an_output_folder_inside_a_linked_theme_is_refused() {
    let site = Site::fixture("basic");
    let tmp = tempfile::tempdir().unwrap();
    let shared = tmp.path().join("shared-theme");
    common::copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default"),
        &shared,
    );
    fs::create_dir_all(site.root().join("themes")).unwrap();
    std::os::unix::fs::symlink(&shared, site.root().join("themes/mine")).unwrap();
    let config = fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", format!("theme = \"mine\"\n{config}"));
    let before = snapshot(&shared);
    for out in [
        site.root().join("themes/mine/static/out"),
        shared.join("static/out"),
        shared.clone(),
    ] {
        let result = pmo_in(site.root(), &["build", "--output", out.to_str().unwrap()]);
        assert_eq!(result.status.code(), Some(1), "{}", out.display());
        let text = stderr(&result);
        assert!(text.contains("refusing to write the site"), "{text}");
        assert_eq!(snapshot(&shared), before, "{}", out.display());
    }
}

/// Two builds of one folder at once (a scheduled job on a shared drive and an author's
/// own `pmo build`): the second deleted the first's staging folder under it and could
/// swap in a folder holding parts of both. While one build holds the folder's lock the
/// other stops at once, touching neither the site nor the first build's files.
#[cfg(unix)]
#[test]
fn a_second_build_of_the_same_folder_at_once_stops_and_leaves_the_first_alone() {
    use std::os::fd::AsRawFd;
    let site = Site::fixture("basic");
    let built = pmo_in(site.root(), &["build"]);
    assert!(built.status.success(), "{}", stderr(&built));
    let before = snapshot(&site.public());

    // The first build, mid-way: its lock held, its staging folder half written.
    let lock = fs::File::create(site.root().join(".public.lock")).unwrap();
    // SAFETY: flock on a descriptor `lock` owns.
    assert_eq!(
        unsafe { libc::flock(lock.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) },
        0
    );
    let staging = site.root().join(".public.staging");
    fs::create_dir(&staging).unwrap();
    fs::write(staging.join(".pmo-output"), "").unwrap();
    fs::write(staging.join("half.html"), "half").unwrap();

    let second = pmo_in(site.root(), &["build"]);
    assert_eq!(second.status.code(), Some(1));
    let text = stderr(&second);
    assert!(
        text.contains("another pmo build is writing this folder now"),
        "{text}"
    );
    assert!(text.contains("wait for it to finish"), "{text}");
    assert!(
        staging.join("half.html").exists(),
        "the first build's files stay"
    );
    assert_eq!(snapshot(&site.public()), before);

    // Once it is done, building goes on as before and leaves no lock behind.
    drop(lock);
    fs::remove_dir_all(&staging).unwrap();
    let third = pmo_in(site.root(), &["build"]);
    assert!(third.status.success(), "{}", stderr(&third));
    assert!(!site.root().join(".public.lock").exists());
}

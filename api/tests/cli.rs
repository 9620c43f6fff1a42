//! The `samrad` binary as a newcomer runs it: `serve --demo` on a fresh data folder
//! creates the SQLite database and a development secret, fills in the demo data,
//! answers on its port and shuts down cleanly on SIGTERM; `schema` prints the SDL.

mod support;

use std::{
    io::{Read, Write},
    net::TcpStream,
    process::{Command, Stdio},
    time::Duration,
};

fn http_get(addr: &str, path: &str) -> anyhow::Result<String> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n")?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    Ok(response)
}

#[test]
fn serve_demo_on_a_fresh_folder_then_stop_on_sigterm() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("data");
    let mut command = support::serve_command(&data);
    command.arg("--demo").stdout(Stdio::piped());
    // The log names the bound address; stdout lists the demo logins.
    let (mut child, addr) = support::start(command)?;

    let health = http_get(&addr, "/healthz")?;
    let ready = http_get(&addr, "/readyz")?;
    let home = http_get(&addr, "/")?;
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    assert!(ready.starts_with("HTTP/1.1 200"), "{ready}");
    assert!(home.contains("Samråd"), "{home}");
    assert!(data.join("samrad.db").is_file(), "no database file");
    let secret = data.join("jwt-secret");
    assert!(secret.is_file(), "no development secret");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&secret)?.permissions().mode() & 0o777, 0o600);
    }

    let status = Command::new("kill").args(["-TERM", &child.id().to_string()]).status()?;
    assert!(status.success());
    let exit = child.wait()?;
    assert!(exit.success(), "exit after SIGTERM: {exit}");
    let mut stdout = String::new();
    if let Some(mut out) = child.stdout.take() {
        out.read_to_string(&mut stdout)?;
    }
    assert!(
        stdout.contains("admin@samrad.example") && stdout.contains("samrad-demo-2026"),
        "{stdout}"
    );
    Ok(())
}

#[test]
fn schema_command_prints_the_committed_sdl() -> anyhow::Result<()> {
    let output = Command::new(env!("CARGO_BIN_EXE_samrad")).arg("schema").output()?;
    assert!(output.status.success());
    let committed = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema.graphql"),
    )?;
    assert_eq!(String::from_utf8(output.stdout)?, committed);
    Ok(())
}

#[test]
fn seed_refuses_a_database_that_holds_data() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_samrad"))
            .args(["seed", "--demo"])
            .arg("--data-dir")
            .arg(dir.path())
            .env_remove("SAMRAD_DATABASE_URL")
            .output()
    };
    assert!(run()?.status.success(), "first seed failed");
    assert!(!run()?.status.success(), "second seed should refuse");
    Ok(())
}

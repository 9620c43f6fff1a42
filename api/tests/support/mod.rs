//! Starting the real `samrad` binary for the tests in `api/tests/`.

use std::{
    io::{BufRead, BufReader},
    path::Path,
    process::{Child, Command, Stdio},
    sync::mpsc,
    time::Duration,
};

/// `samrad serve` on a fresh SQLite data folder, listening on a free port, with no
/// database URL or secret from the environment; add arguments before starting.
pub fn serve_command(data_dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_samrad"));
    command
        .args(["serve", "--listen", "127.0.0.1:0", "--web-dir", "/nonexistent"])
        .arg("--data-dir")
        .arg(data_dir)
        .env_remove("SAMRAD_DATABASE_URL")
        .env_remove("SAMRAD_JWT_SECRET")
        .env_remove("SAMRAD_DEV_TOOLS")
        .env("RUST_LOG", "info");
    command
}

/// Starts `command` and waits for the log line that names the address it listens on.
pub fn start(mut command: Command) -> anyhow::Result<(Child, String)> {
    let mut child = command.stderr(Stdio::piped()).spawn()?;
    let stderr = child.stderr.take().ok_or_else(|| anyhow::anyhow!("no stderr"))?;
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    while let Ok(line) = rx.recv_timeout(Duration::from_secs(60)) {
        if let Some(addr) =
            line.split("address=").nth(1).and_then(|rest| rest.split_whitespace().next())
        {
            return Ok((child, addr.to_owned()));
        }
    }
    let _ = child.kill();
    anyhow::bail!("the server never said where it listens")
}

//! Hostile requests against the real binary: short documents that once overflowed the
//! parser's stack (aborting the process) or multiplied the work exponentially (stalling
//! it). Each must be refused, and `/healthz` must answer within a second afterwards —
//! and while such requests are in flight.

mod support;

use std::{
    io::{Read, Write},
    net::TcpStream,
    process::{Child, Stdio},
    time::Duration,
};

/// The server on a fresh SQLite folder; killed when dropped.
struct Server {
    child: Child,
    addr: String,
    _dir: tempfile::TempDir,
}

impl Server {
    fn start() -> anyhow::Result<Self> {
        let dir = tempfile::tempdir()?;
        let mut command = support::serve_command(dir.path());
        command.stdout(Stdio::null());
        let (child, addr) = support::start(command)?;
        Ok(Self { child, addr, _dir: dir })
    }

    /// Sends a request and returns the status line and body; `None` when no answer came
    /// within `wait` (or the connection broke, as when the process died).
    fn request(&self, head: &str, body: &str, wait: Duration) -> Option<(String, String)> {
        let mut stream = TcpStream::connect(&self.addr).ok()?;
        stream.set_read_timeout(Some(wait)).ok()?;
        let request = format!(
            "{head} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
            self.addr,
            body.len()
        );
        stream.write_all(request.as_bytes()).ok()?;
        let mut response = String::new();
        stream.read_to_string(&mut response).ok()?;
        let (head, body) = response.split_once("\r\n\r\n")?;
        Some((head.lines().next()?.to_owned(), body.to_owned()))
    }

    fn post(&self, body: &str) -> Option<(String, String)> {
        self.request("POST /graphql", body, Duration::from_secs(30))
    }

    /// `/healthz` answers within a second, and the process is still alive.
    fn assert_healthy(&mut self, after: &str) {
        let answer = self.request("GET /healthz", "", Duration::from_secs(1));
        assert!(
            answer.as_ref().is_some_and(|(status, _)| status.contains("200")),
            "/healthz did not answer within a second after {after}: {answer:?}"
        );
        assert!(matches!(self.child.try_wait(), Ok(None)), "the server died after {after}");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn json_body(query: &str) -> String {
    serde_json::json!({ "query": query }).to_string()
}

fn assert_refused(answer: Option<(String, String)>, what: &str) {
    let Some((status, body)) = answer else {
        panic!("{what}: no answer");
    };
    assert!(
        body.contains("BAD_USER_INPUT") || body.contains("BAD_REQUEST"),
        "{what}: {status} {body}"
    );
}

#[test]
fn deeply_nested_documents_are_refused_and_the_server_stays_up() -> anyhow::Result<()> {
    let mut server = Server::start()?;
    let n = 20_000;
    let lists = format!("{{ council(id: {}\"x\"{}) {{ id }} }}", "[".repeat(n), "]".repeat(n));
    let objects = format!("{{ council(id: {}{}) {{ id }} }}", "{a:".repeat(n), "}".repeat(n));
    let selections = format!("{}{}", "{ a ".repeat(n), "}".repeat(n));
    for (what, query) in
        [("nested lists", &lists), ("nested objects", &objects), ("nested selections", &selections)]
    {
        assert_refused(server.post(&json_body(query)), what);
        server.assert_healthy(what);
        // A URL holds less; a quarter of the depth is still far past any bound.
        let short = &query[..query.len() / 4];
        let encoded: String = short
            .bytes()
            .map(|b| match b {
                b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => (b as char).to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect();
        let get =
            server.request(&format!("GET /graphql?query={encoded}"), "", Duration::from_secs(30));
        assert_refused(get, what);
        server.assert_healthy(&format!("{what} over GET"));
    }
    // Variables: JSON nested past any sensible depth.
    let variables = format!(
        "{{\"query\":\"query($v: [String]) {{ __typename }}\",\"variables\":{{\"v\":{}1{}}}}}",
        "[".repeat(n),
        "]".repeat(n)
    );
    let answer = server.post(&variables);
    assert!(answer.as_ref().is_some_and(|(status, _)| status.contains("400")), "{answer:?}");
    server.assert_healthy("nested variables");
    Ok(())
}

/// About 1 KB: each fragment spreads the next twice, so expanding it would take 2^30 steps.
fn exponential_fragments() -> String {
    let mut query = String::from("query { ...F0 }\n");
    for i in 0..30 {
        query.push_str(&format!(
            "fragment F{i} on QueryRoot {{ __typename ...F{n} ...F{n} }}\n",
            n = i + 1
        ));
    }
    query.push_str("fragment F30 on QueryRoot { __typename }\n");
    query
}

/// About 1.5 KB of fragments that hold nothing but spreads (16 on each of 14 levels),
/// ending in a fragment that does not exist: expanding it takes 16^14 steps.
fn spreads_only() -> String {
    let mut query = String::from("{ ...A0 }\n");
    for i in 0..14 {
        let spreads = format!("...A{} ", i + 1).repeat(16);
        query.push_str(&format!("fragment A{i} on QueryRoot {{ {spreads}}}\n"));
    }
    query.push_str("fragment A14 on QueryRoot { ...X }\n");
    query
}

#[test]
fn exponential_fragments_are_refused_while_the_server_stays_responsive() -> anyhow::Result<()> {
    let mut server = Server::start()?;
    for document in [exponential_fragments(), spreads_only()] {
        two_in_flight(&mut server, &document)?;
    }
    Ok(())
}

/// Sends `document` twice at once (as in the report that stalled `/healthz`), checks
/// that `/healthz` answers meanwhile and that both are refused.
fn two_in_flight(server: &mut Server, document: &str) -> anyhow::Result<()> {
    let body = json_body(document);
    assert!(body.len() < 2_500, "{} bytes", body.len());
    // Two at once, as in the report that stalled /healthz.
    let addr = server.addr.clone();
    let senders: Vec<_> = (0..2)
        .map(|_| {
            let (addr, body) = (addr.clone(), body.clone());
            std::thread::spawn(move || -> Option<String> {
                let mut stream = TcpStream::connect(&addr).ok()?;
                stream.set_read_timeout(Some(Duration::from_secs(30))).ok()?;
                write!(
                    stream,
                    "POST /graphql HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
                    body.len()
                )
                .ok()?;
                let mut response = String::new();
                stream.read_to_string(&mut response).ok()?;
                Some(response)
            })
        })
        .collect();
    server.assert_healthy("two exponential fragment documents in flight");
    for sender in senders {
        let response = sender.join().map_err(|_| anyhow::anyhow!("sender panicked"))?;
        assert!(response.as_deref().is_some_and(|r| r.contains("BAD_USER_INPUT")), "{response:?}");
    }
    server.assert_healthy("exponential fragments");
    Ok(())
}

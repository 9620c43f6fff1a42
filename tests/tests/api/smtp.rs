//! A small SMTP server for the tests: accepts every message, remembers its envelope and
//! data, and can be stopped and started again on the same port (an outage).

use std::{
    net::SocketAddr,
    sync::{Arc, Mutex},
};

use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::{TcpListener, TcpStream},
    task::AbortHandle,
};

/// One message as the server received it.
#[derive(Debug, Clone)]
pub struct Received {
    pub to: Vec<String>,
    pub data: String,
}

#[derive(Clone, Default)]
pub struct SmtpServer {
    pub addr: Option<SocketAddr>,
    received: Arc<Mutex<Vec<Received>>>,
    tasks: Arc<Mutex<Vec<AbortHandle>>>,
}

impl SmtpServer {
    /// Starts on a free port.
    pub async fn start() -> anyhow::Result<Self> {
        let mut server = Self::default();
        server.listen("127.0.0.1:0".parse()?).await?;
        Ok(server)
    }

    /// `smtp://…` for Samråd's settings.
    pub fn url(&self) -> String {
        self.addr.map(|a| format!("smtp://{a}")).unwrap_or_default()
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().map(|r| r.clone()).unwrap_or_default()
    }

    /// Closes the port and every open connection.
    pub fn stop(&self) {
        if let Ok(mut tasks) = self.tasks.lock() {
            for task in tasks.drain(..) {
                task.abort();
            }
        }
    }

    /// Listens again on the same port.
    pub async fn restart(&mut self) -> anyhow::Result<()> {
        let addr = self.addr.ok_or_else(|| anyhow::anyhow!("never started"))?;
        for _ in 0..50 {
            if self.listen(addr).await.is_ok() {
                return Ok(());
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        anyhow::bail!("port {addr} stays taken")
    }

    async fn listen(&mut self, addr: SocketAddr) -> anyhow::Result<()> {
        let listener = TcpListener::bind(addr).await?;
        self.addr = Some(listener.local_addr()?);
        let (received, tasks) = (self.received.clone(), self.tasks.clone());
        let accept = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let conn = tokio::spawn(session(stream, received.clone()));
                if let Ok(mut tasks) = tasks.lock() {
                    tasks.push(conn.abort_handle());
                }
            }
        });
        if let Ok(mut tasks) = self.tasks.lock() {
            tasks.push(accept.abort_handle());
        }
        Ok(())
    }
}

async fn session(stream: TcpStream, received: Arc<Mutex<Vec<Received>>>) -> anyhow::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read).lines();
    write.write_all(b"220 test ESMTP\r\n").await?;
    let mut to = vec![];
    while let Some(line) = lines.next_line().await? {
        let upper = line.to_ascii_uppercase();
        if upper.starts_with("EHLO") || upper.starts_with("HELO") {
            write.write_all(b"250-test\r\n250 8BITMIME\r\n").await?;
        } else if upper.starts_with("MAIL FROM") {
            to.clear();
            write.write_all(b"250 OK\r\n").await?;
        } else if upper.starts_with("RCPT TO") {
            let addr = line[8..].trim().trim_start_matches(':').trim().trim_matches(['<', '>']);
            to.push(addr.to_owned());
            write.write_all(b"250 OK\r\n").await?;
        } else if upper == "DATA" {
            write.write_all(b"354 go ahead\r\n").await?;
            let mut data = String::new();
            while let Some(line) = lines.next_line().await? {
                if line == "." {
                    break;
                }
                data.push_str(&line);
                data.push('\n');
            }
            if let Ok(mut r) = received.lock() {
                r.push(Received { to: to.clone(), data });
            }
            write.write_all(b"250 queued\r\n").await?;
        } else if upper.starts_with("QUIT") {
            write.write_all(b"221 bye\r\n").await?;
            return Ok(());
        } else {
            write.write_all(b"250 OK\r\n").await?;
        }
    }
    Ok(())
}

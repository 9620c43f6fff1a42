//! Samråd's benchmark: the release server against the database's own speed.
//!
//! Run it with `bash tests/bench.sh` (see the README). For each target (PostgreSQL at
//! sizes S and M, SQLite at size S) it generates the data through the real migrations,
//! captures the SQL the server issues per workload, then runs interleaved rounds of the
//! server under load and the limit (pgbench / rusqlite), a fixed-rate latency run of
//! each, and writes a Markdown report. `--smoke` does all of it on tiny data in seconds
//! for CI; it reports figures but judges none.

mod data;
mod limit;
mod live;
mod load;
mod procfs;
mod report;
mod workloads;

use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    sync::Arc,
    time::Duration,
};

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use clap::Parser;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::{
    data::Dataset,
    limit::{Context, Kind},
    load::{Http, Latency, Throughput, Workload},
};

#[derive(Parser, Debug)]
#[command(about = "Samråd's benchmark: the server against the database's own speed")]
struct Args {
    /// The release server binary.
    #[arg(long, default_value = "target/release/samrad")]
    server: PathBuf,
    /// PostgreSQL server (trust auth); databases `samrad_bench_*` are created in it.
    #[arg(long, default_value = "postgres://postgres@127.0.0.1:5432")]
    postgres: String,
    /// Where the report goes.
    #[arg(long, default_value = "tests/BENCHMARK.md")]
    out: PathBuf,
    /// Seconds per measurement.
    #[arg(long, default_value_t = 5)]
    seconds: u64,
    /// Interleaved rounds.
    #[arg(long, default_value_t = 3)]
    rounds: usize,
    /// Concurrent connections of the load generator and of pgbench.
    #[arg(long, default_value_t = 8)]
    connections: usize,
    /// Tiny data, one short round: proves the benchmark runs (CI).
    #[arg(long)]
    smoke: bool,
    /// Only these targets (pg-S, pg-M, sqlite-S); all by default.
    #[arg(long, value_delimiter = ',')]
    only: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Backend {
    Postgres,
    Sqlite,
}

/// What one target measured.
pub struct TargetResult {
    pub name: String,
    pub backend_pg: bool,
    pub data: Dataset,
    pub statements: BTreeMap<Kind, f64>,
    pub server: BTreeMap<Kind, Vec<Throughput>>,
    pub server_cpu_ms: BTreeMap<Kind, f64>,
    /// The database's share of `server_cpu_ms` (PostgreSQL processes; 0 for SQLite,
    /// which runs inside the server).
    pub server_db_cpu_ms: BTreeMap<Kind, f64>,
    pub captured: BTreeMap<Kind, Vec<f64>>,
    pub hand: BTreeMap<Kind, Vec<f64>>,
    pub limit_cpu_ms: BTreeMap<Kind, f64>,
    pub server_latency: BTreeMap<Kind, Latency>,
    pub limit_latency: BTreeMap<Kind, Latency>,
    pub peak_rss_mib: f64,
    pub acknowledged: usize,
    pub acknowledged_present: usize,
    pub generate_seconds: f64,
    /// Live fan-out to many subscribers, measured last (its memory is not in `peak_rss_mib`).
    pub live: live::LiveResult,
}

struct Server {
    child: Child,
    base: String,
}

impl Server {
    fn pid(&self) -> u32 {
        self.child.id()
    }

    fn stop(mut self) {
        let _ = Command::new("kill").arg("-TERM").arg(self.child.id().to_string()).status();
        let _ = self.child.wait();
    }
}

fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

async fn start_server(
    args: &Args, url: &str, work: &Path, log: Option<&Path>,
) -> anyhow::Result<Server> {
    let port = free_port()?;
    let mut command = Command::new(&args.server);
    command
        .arg("serve")
        .env("SAMRAD_DATABASE_URL", url)
        .env("SAMRAD_LISTEN", format!("127.0.0.1:{port}"))
        .env("SAMRAD_DATA_DIR", work)
        .env("SAMRAD_WEB_DIR", work.join("no-web"))
        .env("SAMRAD_JWT_SECRET", "bänkprovets-hemlighet-som-är-lång-nog-2026")
        // The live fan-out opens all its connections as the one bench user.
        .env("SAMRAD_LIVE_CONNECTIONS_PER_USER", "5000")
        .stdout(Stdio::null());
    match log {
        Some(path) => {
            command
                .env("RUST_LOG", "info")
                .env("SAMRAD_LOG_SQL", "true")
                .env("SAMRAD_LOG_JSON", "true")
                .stderr(std::fs::File::create(path)?);
        }
        None => {
            command.env("RUST_LOG", "warn").stderr(Stdio::inherit());
        }
    }
    let child = command.spawn()?;
    let server = Server { child, base: format!("http://127.0.0.1:{port}") };
    let probe = Http::new(&server.base, "");
    for _ in 0..200 {
        if probe.send(json!({ "query": "{ __typename }" }).to_string().into()).await.is_ok() {
            return Ok(server);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    server.stop();
    anyhow::bail!("the server did not start")
}

async fn login(base: &str) -> anyhow::Result<(String, Uuid)> {
    let answer = Http::new(base, "")
        .send(
            json!({
                "query": "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }",
                "variables": { "e": data::EMAIL, "p": data::PASSWORD }
            })
            .to_string()
            .into(),
        )
        .await?;
    let token = answer
        .pointer("/data/login/accessToken")
        .and_then(Value::as_str)
        .ok_or_else(|| anyhow::anyhow!("no token: {answer}"))?
        .to_owned();
    // The session id is the token's `sid` claim (the payload is the middle part).
    let payload = token.split('.').nth(1).unwrap_or_default();
    let claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload)?)?;
    let sid = claims
        .get("sid")
        .and_then(Value::as_str)
        .and_then(|s| Uuid::parse_str(s).ok())
        .ok_or_else(|| anyhow::anyhow!("no sid claim"))?;
    Ok((token, sid))
}

fn workload(kind: Kind, data: &Dataset, deep: &Option<String>) -> Arc<dyn Workload> {
    match kind {
        Kind::Preparation => Arc::new(workloads::Preparation { meetings: data.bench_meetings }),
        Kind::FirstPage => Arc::new(workloads::InputPage { after: None }),
        Kind::DeepPage => Arc::new(workloads::InputPage { after: deep.clone() }),
        Kind::Submit => Arc::new(workloads::Submit { meetings: data.bench_meetings }),
        Kind::Regional => Arc::new(workloads::Regional { network: data.network }),
    }
}

/// Walks the user's input list to about 80 % of its depth: the cursor there and the id
/// of the last input before it.
async fn deep_cursor(http: &Http) -> anyhow::Result<(Option<String>, Option<Uuid>, usize)> {
    let mut cursors = vec![];
    let mut after: Option<String> = None;
    loop {
        let answer = http
            .send(
                json!({ "query": workloads::INPUT_PAGE, "variables": { "after": after } })
                    .to_string()
                    .into(),
            )
            .await?;
        let page = &answer["data"]["myInputs"];
        let last_id = page["nodes"]
            .as_array()
            .and_then(|n| n.last())
            .and_then(|n| n["id"].as_str())
            .and_then(|s| Uuid::parse_str(s).ok());
        after = page["pageInfo"]["endCursor"].as_str().map(str::to_owned);
        if let (Some(cursor), Some(id)) = (&after, last_id) {
            cursors.push((cursor.clone(), id));
        }
        if page["pageInfo"]["hasNextPage"] != json!(true) || after.is_none() {
            break;
        }
    }
    let pages = cursors.len();
    // Not the last page's cursor: nothing follows it.
    let pick = cursors.get((pages * 4 / 5).min(pages.saturating_sub(2))).cloned();
    Ok((pick.as_ref().map(|(c, _)| c.clone()), pick.map(|(_, id)| id), pages))
}

/// Statements logged by the server, in order.
fn logged_statements(log: &Path) -> Vec<String> {
    std::fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|v| v["fields"]["message"] == "statement")
        .filter_map(|v| v["fields"]["sql"].as_str().map(str::to_owned))
        .collect()
}

struct Probe {
    statements: BTreeMap<Kind, f64>,
    scripts: BTreeMap<Kind, String>,
    deep: Option<String>,
    deep_after: Option<Uuid>,
    pages: usize,
}

/// Starts the server with `--log-sql`, sends each workload's request ten times one after
/// the other, and keeps the statements of the last one.
async fn probe(args: &Args, url: &str, work: &Path, data: &Dataset) -> anyhow::Result<Probe> {
    let log = work.join("probe.log");
    let server = start_server(args, url, work, Some(&log)).await?;
    let result = async {
        let (token, _) = login(&server.base).await?;
        let http = Http::new(&server.base, &token);
        let (deep, deep_after, pages) = deep_cursor(&http).await?;
        let mut statements = BTreeMap::new();
        let mut scripts = BTreeMap::new();
        for kind in Kind::ALL {
            let w = workload(kind, data, &deep);
            let mut rng = <rand_chacha::ChaCha8Rng as rand::SeedableRng>::seed_from_u64(7);
            let mut counts = vec![];
            let mut last = (vec![], None);
            for _ in 0..10 {
                let body = w.body(&mut rng);
                let meeting = serde_json::from_slice::<Value>(&body)
                    .ok()
                    .and_then(|v| {
                        v.pointer("/variables/id")
                            .or_else(|| v.pointer("/variables/input/meetingId"))
                            .and_then(Value::as_str)
                            .and_then(|s| Uuid::parse_str(s).ok())
                    })
                    .filter(|_| matches!(kind, Kind::Preparation | Kind::Submit));
                let before = logged_statements(&log).len();
                http.send(body).await?;
                tokio::time::sleep(Duration::from_millis(20)).await;
                let all = logged_statements(&log);
                counts.push(all.len() - before);
                last = (all[before..].to_vec(), meeting);
            }
            // Every workload reads the actor at least: no statement logged means the
            // capture (--log-sql) is broken and the pgbench replay would be empty.
            anyhow::ensure!(
                counts.iter().all(|&n| n > 0),
                "{}: no SQL statement captured from the server's log",
                kind.label()
            );
            statements.insert(kind, counts.iter().sum::<usize>() as f64 / counts.len() as f64);
            scripts.insert(kind, limit::captured_script(&last.0, last.1, data.bench_meetings));
        }
        anyhow::Ok(Probe { statements, scripts, deep, deep_after, pages })
    }
    .await;
    server.stop();
    result
}

async fn run_target(
    args: &Args, backend: Backend, size: data::Size,
) -> anyhow::Result<TargetResult> {
    let name =
        format!("{}-{}", if backend == Backend::Postgres { "pg" } else { "sqlite" }, size.name);
    eprintln!("== {name}");
    let work = std::env::temp_dir().join(format!("samrad-bench-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&work)?;
    let url = match backend {
        Backend::Postgres => {
            let db = format!("samrad_bench_{}", size.name.to_lowercase());
            let admin = Database::connect(format!("{}/postgres", args.postgres)).await?;
            admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)")).await?;
            admin.execute_unprepared(&format!("CREATE DATABASE {db}")).await?;
            admin.close().await?;
            format!("{}/{db}", args.postgres)
        }
        Backend::Sqlite => format!("sqlite://{}?mode=rwc", work.join("bench.db").display()),
    };
    // The server's own migrations build the schema.
    let status = Command::new(&args.server)
        .arg("migrate")
        .env("SAMRAD_DATABASE_URL", &url)
        .env("SAMRAD_DATA_DIR", &work)
        .env("RUST_LOG", "warn")
        .status()?;
    anyhow::ensure!(status.success(), "migrations failed");
    let db: DatabaseConnection = Database::connect(&url).await?;
    let started = std::time::Instant::now();
    let hash = samrad::auth::password::PasswordHasher::new(samrad::config::PasswordCost::Minimal)?
        .hash(data::PASSWORD)
        .await?;
    let data = data::generate(&db, size, &hash).await?;
    // The limit writes the change row a submit writes, into a table of the same shape
    // that the server's notification fan-out does not read, and notifies a channel no
    // instance listens on: the server would otherwise do work for the limit's rows while
    // the limit is measured.
    db.execute_unprepared(match backend {
        Backend::Postgres => "CREATE TABLE bench_change_outbox (LIKE change_outbox INCLUDING ALL)",
        Backend::Sqlite => "CREATE TABLE bench_change_outbox (id blob PRIMARY KEY NOT NULL, payload text NOT NULL, actor_user_id blob, created_at text NOT NULL)",
    })
    .await?;
    let generate_seconds = started.elapsed().as_secs_f64();
    eprintln!("   data: {data:?} in {generate_seconds:.1} s");

    let probe = probe(args, &url, &work, &data).await?;
    eprintln!(
        "   statements per request: {:?}; input list of {} pages",
        probe.statements, probe.pages
    );

    let server = start_server(args, &url, &work, None).await?;
    let result = measure(args, backend, &url, &work, &db, data, probe, &server).await;
    let rss = procfs::peak_rss_mib(server.pid());
    let (subscribers, events) = if args.smoke { (50, 3) } else { (1000, 20) };
    let live = match &result {
        Ok(r) => {
            let (token, _) = login(&server.base).await?;
            let meetings = r.data.bench_meetings;
            live::fan_out(&server.base, &token, server.pid(), subscribers, events, meetings).await
        }
        Err(_) => Ok(live::LiveResult::default()),
    };
    server.stop();
    db.close().await?;
    let _ = std::fs::remove_dir_all(&work);
    let mut result = result?;
    result.live = live?;
    eprintln!("   live: {:?}", result.live);
    result.name = name;
    result.peak_rss_mib = rss;
    result.generate_seconds = generate_seconds;
    Ok(result)
}

#[allow(clippy::too_many_arguments)]
async fn measure(
    args: &Args, backend: Backend, url: &str, work: &Path, db: &DatabaseConnection, data: Dataset,
    probe: Probe, server: &Server,
) -> anyhow::Result<TargetResult> {
    let (token, session_id) = login(&server.base).await?;
    let http = Http::new(&server.base, &token);
    let ctx = Context { data: &data, session_id, deep_after: probe.deep_after };
    // pgbench scripts: the captured SQL needs this session, not the probe's.
    let mut captured_files = BTreeMap::new();
    let mut hand_files = BTreeMap::new();
    if backend == Backend::Postgres {
        for kind in Kind::ALL {
            let captured = work.join(format!("captured-{kind:?}.sql"));
            std::fs::write(&captured, &probe.scripts[&kind])?;
            captured_files.insert(kind, captured);
            let hand = work.join(format!("hand-{kind:?}.sql"));
            std::fs::write(&hand, limit::hand_script(kind, &ctx))?;
            hand_files.insert(kind, hand);
        }
    }
    let seconds = Duration::from_secs(args.seconds);
    // Warm up caches and connections.
    let _ = load::closed_loop(
        &http,
        workload(Kind::Preparation, &data, &probe.deep),
        args.connections,
        Duration::from_secs(2.min(args.seconds)),
        0,
    )
    .await;

    let mut server_runs: BTreeMap<Kind, Vec<Throughput>> = BTreeMap::new();
    let mut server_cpu: BTreeMap<Kind, (f64, u64)> = BTreeMap::new();
    let mut server_db_cpu: BTreeMap<Kind, (f64, u64)> = BTreeMap::new();
    let mut captured: BTreeMap<Kind, Vec<f64>> = BTreeMap::new();
    let mut hand: BTreeMap<Kind, Vec<f64>> = BTreeMap::new();
    let mut limit_cpu: BTreeMap<Kind, (f64, u64)> = BTreeMap::new();
    let mut acknowledged: Vec<String> = vec![];
    let db_file = work.join("bench.db");
    for round in 0..args.rounds {
        for kind in Kind::ALL {
            let w = workload(kind, &data, &probe.deep);
            let (own0, db0) = (procfs::process_cpu(server.pid()), procfs::postgres_cpu());
            let run =
                load::closed_loop(&http, w, args.connections, seconds, round as u64 + 1).await;
            let db_cpu = procfs::postgres_cpu() - db0;
            let cpu = procfs::process_cpu(server.pid()) - own0 + db_cpu;
            anyhow::ensure!(
                run.ok > 0,
                "{}: no request succeeded: {:?}",
                kind.label(),
                run.first_error
            );
            let entry = server_db_cpu.entry(kind).or_default();
            entry.0 += db_cpu;
            entry.1 += run.ok;
            let entry = server_cpu.entry(kind).or_default();
            entry.0 += cpu;
            entry.1 += run.ok;
            acknowledged.extend(run.acknowledged.iter().cloned());
            eprintln!(
                "   round {} {:<28} server {:>8.0}/s ({} errors)",
                round + 1,
                kind.label(),
                run.per_second(),
                run.errors
            );
            server_runs.entry(kind).or_default().push(run);
            match backend {
                Backend::Postgres => {
                    let (tps, _, _) = limit::pgbench_throughput(
                        url,
                        &captured_files[&kind],
                        args.connections,
                        args.seconds,
                    )?;
                    captured.entry(kind).or_default().push(tps);
                    let (tps, cpu, n) = limit::pgbench_throughput(
                        url,
                        &hand_files[&kind],
                        args.connections,
                        args.seconds,
                    )?;
                    hand.entry(kind).or_default().push(tps);
                    let entry = limit_cpu.entry(kind).or_default();
                    entry.0 += cpu;
                    entry.1 += n;
                    eprintln!(
                        "   round {} {:<28} pgbench captured {:>8.0}/s, hand-written {:>8.0}/s",
                        round + 1,
                        kind.label(),
                        captured[&kind].last().copied().unwrap_or_default(),
                        tps
                    );
                }
                Backend::Sqlite => {
                    let (rps, cpu, n) = tokio::task::block_in_place(|| {
                        limit::sqlite_throughput(&db_file, kind, &ctx, 2, seconds)
                    })?;
                    hand.entry(kind).or_default().push(rps);
                    let entry = limit_cpu.entry(kind).or_default();
                    entry.0 += cpu;
                    entry.1 += n;
                    eprintln!(
                        "   round {} {:<28} rusqlite {:>8.0}/s",
                        round + 1,
                        kind.label(),
                        rps
                    );
                }
            }
        }
    }

    // Latency at a fixed rate: half of the slower side's median throughput.
    let mut server_latency = BTreeMap::new();
    let mut limit_latency = BTreeMap::new();
    for kind in Kind::ALL {
        let server_median = report::median(
            &server_runs[&kind].iter().map(Throughput::per_second).collect::<Vec<_>>(),
        );
        let limit_median = report::median(&hand[&kind]);
        let rate = (0.5 * server_median.min(limit_median)).clamp(5.0, 2000.0).round();
        let w = workload(kind, &data, &probe.deep);
        let latency = load::fixed_rate(&http, w, rate, seconds, 99).await?;
        server_latency.insert(kind, latency);
        if backend == Backend::Postgres {
            limit_latency.insert(
                kind,
                limit::pgbench_latency(url, &hand_files[&kind], rate, args.seconds, work)?,
            );
        }
    }

    // Every input the server acknowledged is in the database.
    let mut present = 0usize;
    for chunk in acknowledged.chunks(500) {
        let list = chunk
            .iter()
            .filter_map(|s| Uuid::parse_str(s).ok())
            .map(|u| match backend {
                Backend::Postgres => format!("'{u}'"),
                Backend::Sqlite => format!("X'{}'", u.simple()),
            })
            .collect::<Vec<_>>()
            .join(",");
        if list.is_empty() {
            continue;
        }
        let row = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                format!("SELECT COUNT(*) AS n FROM input WHERE id IN ({list})"),
            ))
            .await?
            .ok_or_else(|| anyhow::anyhow!("no count"))?;
        present += row.try_get::<i64>("", "n")? as usize;
    }

    let per_request = |m: BTreeMap<Kind, (f64, u64)>| {
        m.into_iter().map(|(k, (cpu, n))| (k, cpu * 1000.0 / n.max(1) as f64)).collect()
    };
    Ok(TargetResult {
        name: String::new(),
        backend_pg: backend == Backend::Postgres,
        data,
        statements: probe.statements,
        server: server_runs,
        server_cpu_ms: per_request(server_cpu),
        server_db_cpu_ms: per_request(server_db_cpu),
        captured,
        hand,
        limit_cpu_ms: per_request(limit_cpu),
        server_latency,
        limit_latency,
        peak_rss_mib: 0.0,
        acknowledged: acknowledged.len(),
        acknowledged_present: present,
        generate_seconds: 0.0,
        live: live::LiveResult::default(),
    })
}

fn main() -> anyhow::Result<()> {
    let mut args = Args::parse();
    if args.smoke {
        args.seconds = 1;
        args.rounds = 1;
    }
    let runtime =
        tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    runtime.block_on(async {
        let targets: Vec<(Backend, data::Size)> = if args.smoke {
            vec![(Backend::Postgres, data::XS), (Backend::Sqlite, data::XS)]
        } else {
            vec![
                (Backend::Postgres, data::S),
                (Backend::Postgres, data::M),
                (Backend::Sqlite, data::S),
            ]
        };
        let mut results = vec![];
        for (backend, size) in targets {
            let name = format!(
                "{}-{}",
                if backend == Backend::Postgres { "pg" } else { "sqlite" },
                size.name
            );
            if !args.only.is_empty() && !args.only.contains(&name) {
                continue;
            }
            results.push(run_target(&args, backend, size).await?);
        }
        let mut text =
            report::markdown(&results, args.smoke, args.seconds, args.rounds, args.connections);
        // Notes written by hand below the marker (profiles, explanations) survive a new run.
        if let Ok(previous) = std::fs::read_to_string(&args.out)
            && let Some(at) = previous.find(report::NOTES_MARKER)
        {
            text.push_str(&previous[at..]);
        } else {
            text.push_str(report::NOTES_MARKER);
            text.push('\n');
        }
        std::fs::write(&args.out, &text)?;
        eprintln!("report written to {}", args.out.display());
        for r in &results {
            anyhow::ensure!(
                r.acknowledged == r.acknowledged_present,
                "{}: {} inputs acknowledged, {} present",
                r.name,
                r.acknowledged,
                r.acknowledged_present
            );
        }
        anyhow::Ok(())
    })
}

//! The limit: the same work done directly on the database.
//!
//! PostgreSQL: `pgbench` runs (1) the SQL the server issued for one request, captured
//! from its `--log-sql` log, with the request's meeting id and new row ids turned into
//! pgbench variables, and (2) the best single statement written by hand for the same
//! result. SQLite: a `rusqlite` loop with the statements written by hand.

use std::{
    collections::BTreeMap,
    path::Path,
    process::Command,
    sync::{
        Arc,
        atomic::{AtomicBool, AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

use rusqlite::{Connection, params};
use uuid::Uuid;

use crate::{
    data::{Dataset, MEETING_TAG, id},
    load::Latency,
};

/// The workloads, in report order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Preparation,
    FirstPage,
    DeepPage,
    Submit,
    Regional,
}

impl Kind {
    pub const ALL: [Kind; 5] =
        [Kind::Preparation, Kind::FirstPage, Kind::DeepPage, Kind::Submit, Kind::Regional];

    pub fn label(self) -> &'static str {
        match self {
            Kind::Preparation => "(a) meeting preparation",
            Kind::FirstPage => "(b) input list, first page",
            Kind::DeepPage => "(b) input list, deep page",
            Kind::Submit => "(c) submit input burst",
            Kind::Regional => "(d) regional view",
        }
    }
}

/// Everything a limit script needs to know about the request it repeats.
pub struct Context<'a> {
    pub data: &'a Dataset,
    pub session_id: Uuid,
    /// Id of the last input before the deep page.
    pub deep_after: Option<Uuid>,
}

/// pgbench expression for a bench meeting chosen at random per transaction.
const MEETING_EXPR: &str = "('0000000b' || lpad(to_hex(:mid), 24, '0'))::uuid";

fn set_meeting(meetings: u64) -> String {
    format!("\\set mid random(0, {})\n", meetings.saturating_sub(1))
}

/// Turns captured statements into a pgbench script: the request's meeting id becomes
/// `:mid`, every id the request created (UUID v7, as the server makes them) becomes a
/// fresh random id per transaction; a write is wrapped in one transaction as the server
/// does.
pub fn captured_script(statements: &[String], meeting: Option<Uuid>, meetings: u64) -> String {
    let mut script = String::new();
    let writes = statements.iter().any(|s| s.trim_start().to_uppercase().starts_with("INSERT"));
    if meeting.is_some() {
        script.push_str(&set_meeting(meetings));
    }
    let mut fresh: BTreeMap<String, usize> = BTreeMap::new();
    let mut body = String::new();
    for statement in statements {
        let mut sql = statement.clone();
        if let Some(m) = meeting {
            sql = sql.replace(&format!("'{m}'"), MEETING_EXPR);
        }
        if sql.trim_start().to_uppercase().starts_with("INSERT") {
            for literal in v7_literals(&sql) {
                let n = fresh.len();
                let k = *fresh.entry(literal.clone()).or_insert(n);
                sql = sql.replace(&format!("'{literal}'"), &format!("md5(:r{k}::text)::uuid"));
            }
        } else {
            for (literal, k) in &fresh {
                sql = sql.replace(&format!("'{literal}'"), &format!("md5(:r{k}::text)::uuid"));
            }
        }
        body.push_str(sql.replace('\n', " ").trim());
        body.push_str(";\n");
    }
    for k in 0..fresh.len() {
        script.push_str(&format!("\\set r{k} random(1, 9000000000000000000)\n"));
    }
    if writes {
        script.push_str("BEGIN;\n");
        script.push_str(&body);
        script.push_str("COMMIT;\n");
    } else {
        script.push_str(&body);
    }
    script
}

/// Quoted UUID v7 literals in a statement.
fn v7_literals(sql: &str) -> Vec<String> {
    let mut found = vec![];
    for (i, _) in sql.match_indices('\'') {
        let Some(candidate) = sql.get(i + 1..i + 37) else {
            continue;
        };
        if sql.get(i + 37..i + 38) == Some("'")
            && let Ok(uuid) = Uuid::parse_str(candidate)
            && uuid.get_version_num() == 7
            && !found.contains(&candidate.to_owned())
        {
            found.push(candidate.to_owned());
        }
    }
    found
}

fn actor_check(ctx: &Context<'_>) -> String {
    format!(
        "actor AS (SELECT 1 FROM session s JOIN app_user u ON u.id = s.user_id WHERE s.id = '{}' AND s.user_id = '{}' AND s.revoked_at IS NULL AND s.expires_at > now() AND u.disabled_at IS NULL)",
        ctx.session_id, ctx.data.user_id
    )
}

/// The best hand-written PostgreSQL for each workload: one statement that checks the
/// session and the seat and returns the JSON the client needs.
pub fn hand_script(kind: Kind, ctx: &Context<'_>) -> String {
    let actor = actor_check(ctx);
    let user = ctx.data.user_id;
    let org = ctx.data.police;
    let net = ctx.data.network;
    match kind {
        Kind::Preparation => format!(
            "{set}WITH {actor}, m AS (SELECT * FROM meeting WHERE id = {MEETING_EXPR} AND EXISTS (SELECT 1 FROM actor) AND council_id IN (SELECT council_id FROM seat WHERE user_id = '{user}' AND ended_on IS NULL)) \
SELECT json_build_object('id', m.id, 'title', m.title, 'status', m.status, 'startsAt', m.starts_at, 'endsAt', m.ends_at, 'location', m.location, 'description', m.description, \
'agenda', (SELECT coalesce(json_agg(json_build_object('id', a.id, 'position', a.position, 'kind', a.kind, 'title', a.title, 'minutesAllotted', a.minutes_allotted) ORDER BY a.position), '[]') FROM agenda_item a WHERE a.meeting_id = m.id), \
'inputs', (SELECT coalesce(json_agg(json_build_object('id', i.id, 'title', i.title, 'body', coalesce(i.redacted_body, i.body), 'status', i.status, 'anonymous', i.anonymous, 'targetGroups', i.target_groups, 'submittedAt', i.submitted_at, \
'agendaItem', json_build_object('id', ai.id, 'title', ai.title), 'organisation', CASE WHEN i.anonymous AND i.organisation_id <> '{org}' THEN NULL ELSE json_build_object('id', o.id, 'name', o.name, 'kind', o.kind) END) ORDER BY i.id), '[]') \
FROM (SELECT * FROM input WHERE meeting_id = m.id AND (organisation_id = '{org}' OR (status NOT IN ('draft', 'withdrawn') AND hidden_reason IS NULL)) ORDER BY id LIMIT 51) i \
JOIN organisation o ON o.id = i.organisation_id LEFT JOIN agenda_item ai ON ai.id = i.agenda_item_id)) FROM m;\n",
            set = set_meeting(ctx.data.bench_meetings)
        ),
        Kind::FirstPage | Kind::DeepPage => {
            let after = match (kind, ctx.deep_after) {
                (Kind::DeepPage, Some(after)) => format!("AND i.id < '{after}'"),
                _ => String::new(),
            };
            format!(
                "WITH {actor} SELECT coalesce(json_agg(json_build_object('id', x.id, 'title', x.title, 'status', x.status, 'submittedAt', x.submitted_at, 'meeting', json_build_object('id', x.mid, 'title', x.mtitle), 'organisation', json_build_object('id', x.oid, 'name', x.oname)) ORDER BY x.id DESC), '[]') \
FROM (SELECT i.id, i.title, i.status, i.submitted_at, m.id AS mid, m.title AS mtitle, o.id AS oid, o.name AS oname FROM input i JOIN organisation o ON o.id = i.organisation_id LEFT JOIN meeting m ON m.id = i.meeting_id \
WHERE i.organisation_id = '{org}' {after} AND EXISTS (SELECT 1 FROM actor) ORDER BY i.id DESC LIMIT 51) x;\n"
            )
        }
        Kind::Submit => format!(
            "{set}WITH {actor}, i AS (INSERT INTO input (id, council_id, meeting_id, agenda_item_id, theme_id, organisation_id, author_user_id, author_name, invitation_id, title, body, target_groups, district, gathered_by, status, anonymous, late_allowed, hidden_reason, redacted_body, answer, decline_reason, submitted_at, answered_at, receipt_hash, created_at, updated_at) \
SELECT gen_random_uuid(), m.council_id, m.id, NULL, NULL, '{org}', '{user}', NULL, NULL, 'Inspel från bänkprovet', 'Föreningarna i området ser fler unga i centrum sena kvällar och vill ha fler vuxna på plats.', '[\"youth\"]', NULL, 'dialogue_meeting', 'submitted', false, false, NULL, NULL, NULL, NULL, now(), NULL, NULL, now(), now() \
FROM meeting m WHERE m.id = {MEETING_EXPR} AND m.status = 'scheduled' AND m.input_deadline > now() AND EXISTS (SELECT 1 FROM actor) RETURNING id, council_id), \
e AS (INSERT INTO input_event (id, input_id, at, actor_user_id, action, from_status, to_status, note) SELECT gen_random_uuid(), i.id, now(), '{user}', 'create', NULL, 'submitted', NULL FROM i RETURNING input_id), \
c AS (INSERT INTO bench_change_outbox (id, payload, actor_user_id, created_at) SELECT gen_random_uuid(), json_build_object('k', 'input', 'id', i.id, 'council', i.council_id, 'what', 'submitted')::text, '{user}', now() FROM i JOIN e ON e.input_id = i.id RETURNING payload) \
SELECT pg_notify('samrad_bench', c.payload) FROM c;\n",
            set = set_meeting(ctx.data.bench_meetings)
        ),
        Kind::Regional => format!(
            "WITH {actor}, members AS (SELECT organisation_id FROM membership WHERE council_id = '{net}' AND left_on IS NULL AND role <> 'advisory' AND EXISTS (SELECT 1 FROM actor)), \
latest AS (SELECT DISTINCT ON (p.author_organisation_id) p.id, p.author_organisation_id, p.area, p.published_at, p.classification FROM situation_picture p \
WHERE p.author_organisation_id IN (SELECT organisation_id FROM members) AND p.status = 'published' AND p.id IN (SELECT picture_id FROM picture_share WHERE council_id = '{net}') \
ORDER BY p.author_organisation_id, p.published_at DESC) \
SELECT json_agg(json_build_object('organisation', json_build_object('id', o.id, 'name', o.name), 'picture', json_build_object('id', l.id, 'area', l.area, 'publishedAt', l.published_at, 'classification', l.classification), \
'categories', (SELECT json_agg(json_build_object('category', e.category, 'rising', e.r, 'stable', e.s, 'falling', e.f)) FROM (SELECT category, count(*) FILTER (WHERE trend = 'rising') r, count(*) FILTER (WHERE trend = 'stable') s, count(*) FILTER (WHERE trend = 'falling') f FROM picture_entry WHERE picture_id = l.id GROUP BY category) e))) \
FROM members mb JOIN organisation o ON o.id = mb.organisation_id LEFT JOIN latest l ON l.author_organisation_id = mb.organisation_id;\n"
        ),
    }
}

/// Runs a pgbench script closed-loop; returns transactions per second and the
/// database's CPU seconds.
pub fn pgbench_throughput(
    url: &str, script: &Path, clients: usize, seconds: u64,
) -> anyhow::Result<(f64, f64, u64)> {
    let cpu_before = crate::procfs::postgres_cpu();
    let output = Command::new("pgbench")
        .args(["-n", "-M", "simple", "-j", "2"])
        .arg("-c")
        .arg(clients.to_string())
        .arg("-T")
        .arg(seconds.to_string())
        .arg("-f")
        .arg(script)
        .arg(url)
        .output()?;
    let cpu = crate::procfs::postgres_cpu() - cpu_before;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    anyhow::ensure!(
        output.status.success() && !stderr.contains("ERROR"),
        "pgbench failed on {}: {stderr}",
        script.display()
    );
    let tps = stdout
        .lines()
        .find_map(|l| l.strip_prefix("tps = "))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|v| v.parse::<f64>().ok())
        .ok_or_else(|| anyhow::anyhow!("no tps in pgbench output: {stdout}"))?;
    let transactions = stdout
        .lines()
        .find_map(|l| l.strip_prefix("number of transactions actually processed: "))
        .and_then(|l| l.split('/').next())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(0);
    Ok((tps, cpu, transactions))
}

/// Runs a pgbench script at a fixed rate and reads each transaction's latency from its
/// log (measured from the scheduled start).
pub fn pgbench_latency(
    url: &str, script: &Path, rate: f64, seconds: u64, dir: &Path,
) -> anyhow::Result<Latency> {
    let prefix =
        dir.join(format!("pgb-{}", script.file_stem().and_then(|s| s.to_str()).unwrap_or("x")));
    let output = Command::new("pgbench")
        .args(["-n", "-M", "simple", "-j", "1", "-c", "8", "-l"])
        .arg(format!("--log-prefix={}", prefix.display()))
        .arg("-R")
        .arg(format!("{rate:.0}"))
        .arg("-T")
        .arg(seconds.to_string())
        .arg("-f")
        .arg(script)
        .arg(url)
        .output()?;
    anyhow::ensure!(
        output.status.success(),
        "pgbench failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut histogram = hdrhistogram::Histogram::<u64>::new_with_bounds(1, 60_000_000, 3)?;
    let name = prefix.file_name().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
    for entry in std::fs::read_dir(dir)?.flatten() {
        if !entry.file_name().to_string_lossy().starts_with(&name) {
            continue;
        }
        for line in std::fs::read_to_string(entry.path())?.lines() {
            // client_id transaction_no time script_no time_epoch time_us [schedule_lag]
            if let Some(micros) = line.split_whitespace().nth(2).and_then(|v| v.parse::<u64>().ok())
            {
                let _ = histogram.record(micros.max(1));
            }
        }
        std::fs::remove_file(entry.path())?;
    }
    Ok(crate::load::latency_of(&histogram, rate, 0))
}

/// Runs the hand-written SQLite statements of `kind` on `threads` connections for
/// `duration`; returns (requests per second, CPU seconds of this process).
pub fn sqlite_throughput(
    file: &Path, kind: Kind, ctx: &Context<'_>, threads: usize, duration: Duration,
) -> anyhow::Result<(f64, f64, u64)> {
    let stop = Arc::new(AtomicBool::new(false));
    let done = Arc::new(AtomicU64::new(0));
    let cpu_before = crate::procfs::process_cpu(std::process::id());
    let start = Instant::now();
    let results: Vec<anyhow::Result<()>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let (stop, done) = (Arc::clone(&stop), Arc::clone(&done));
                scope.spawn(move || -> anyhow::Result<()> {
                    let conn = Connection::open(file)?;
                    conn.busy_timeout(Duration::from_secs(10))?;
                    conn.pragma_update(None, "synchronous", "NORMAL")?;
                    conn.pragma_update(None, "foreign_keys", "ON")?;
                    let mut n = t as u64 * 7919;
                    while !stop.load(Ordering::Relaxed) {
                        n += 1;
                        sqlite_once(&conn, kind, ctx, n)?;
                        done.fetch_add(1, Ordering::Relaxed);
                    }
                    Ok(())
                })
            })
            .collect();
        std::thread::sleep(duration);
        stop.store(true, Ordering::Relaxed);
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|_| Err(anyhow::anyhow!("thread panicked"))))
            .collect()
    });
    for result in results {
        result?;
    }
    let seconds = start.elapsed().as_secs_f64();
    let cpu = crate::procfs::process_cpu(std::process::id()) - cpu_before;
    let count = done.load(Ordering::Relaxed);
    Ok((count as f64 / seconds, cpu, count))
}

const SQLITE_ACTOR: &str = "SELECT 'user', u.id, NULL, NULL, NULL, u.is_platform_admin, s.expires_at FROM session s JOIN app_user u ON u.id = s.user_id WHERE s.id = ?1 AND s.user_id = ?2 AND s.revoked_at IS NULL AND u.disabled_at IS NULL \
UNION ALL SELECT 'affiliation', organisation_id, NULL, NULL, NULL, NULL, NULL FROM affiliation WHERE user_id = ?2 \
UNION ALL SELECT 'seat', st.council_id, st.organisation_id, st.role, m.role, NULL, NULL FROM seat st LEFT JOIN membership m ON m.council_id = st.council_id AND m.organisation_id = st.organisation_id AND m.left_on IS NULL WHERE st.user_id = ?2 AND st.ended_on IS NULL";

/// Reads every column of every row, as a client would; returns the row count.
fn read_all(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> anyhow::Result<usize> {
    let mut stmt = conn.prepare_cached(sql)?;
    let columns = stmt.column_count();
    let mut rows = stmt.query(params)?;
    let mut n = 0;
    let mut bytes = 0usize;
    while let Some(row) = rows.next()? {
        for c in 0..columns {
            bytes += match row.get_ref(c)? {
                rusqlite::types::ValueRef::Text(t) | rusqlite::types::ValueRef::Blob(t) => t.len(),
                _ => 8,
            };
        }
        n += 1;
    }
    std::hint::black_box(bytes);
    Ok(n)
}

fn sqlite_once(conn: &Connection, kind: Kind, ctx: &Context<'_>, n: u64) -> anyhow::Result<()> {
    let uuid = |u: Uuid| u.as_bytes().to_vec();
    let user = uuid(ctx.data.user_id);
    let org = uuid(ctx.data.police);
    let actor_rows = read_all(conn, SQLITE_ACTOR, params![uuid(ctx.session_id), user])?;
    anyhow::ensure!(actor_rows > 1, "the session was not found");
    let meeting =
        uuid(id(MEETING_TAG, n.wrapping_mul(2_654_435_761) % ctx.data.bench_meetings.max(1)));
    match kind {
        Kind::Preparation => {
            let found = read_all(conn, "SELECT * FROM meeting WHERE id = ?1", params![meeting])?;
            anyhow::ensure!(found == 1, "meeting not found");
            read_all(
                conn,
                "SELECT * FROM agenda_item WHERE meeting_id = ?1 ORDER BY position, id",
                params![meeting],
            )?;
            read_all(
                conn,
                "SELECT i.*, o.* FROM input i LEFT JOIN organisation o ON o.id = i.organisation_id WHERE i.meeting_id = ?1 AND (i.organisation_id = ?2 OR (i.status NOT IN ('draft', 'withdrawn') AND i.hidden_reason IS NULL)) ORDER BY i.id LIMIT 51",
                params![meeting, org],
            )?;
        }
        Kind::FirstPage | Kind::DeepPage => {
            let rows = match (kind, ctx.deep_after) {
                (Kind::DeepPage, Some(after)) => read_all(
                    conn,
                    "SELECT i.*, o.* FROM input i LEFT JOIN organisation o ON o.id = i.organisation_id WHERE i.organisation_id = ?1 AND i.id < ?2 ORDER BY i.id DESC LIMIT 51",
                    params![org, uuid(after)],
                )?,
                _ => read_all(
                    conn,
                    "SELECT i.*, o.* FROM input i LEFT JOIN organisation o ON o.id = i.organisation_id WHERE i.organisation_id = ?1 ORDER BY i.id DESC LIMIT 51",
                    params![org],
                )?,
            };
            anyhow::ensure!(rows > 0, "no inputs");
            read_all(
                conn,
                "SELECT * FROM meeting WHERE id IN (SELECT meeting_id FROM input WHERE organisation_id = ?1 ORDER BY id DESC LIMIT 51)",
                params![org],
            )?;
        }
        Kind::Submit => {
            let now = chrono::Utc::now().format("%Y-%m-%d %H:%M:%S%.6f%:z").to_string();
            let input = uuid(Uuid::now_v7());
            conn.execute_batch("BEGIN IMMEDIATE")?;
            let found = read_all(conn, "SELECT * FROM meeting WHERE id = ?1", params![meeting])?;
            anyhow::ensure!(found == 1, "meeting not found");
            conn.prepare_cached("INSERT INTO input (id, council_id, meeting_id, agenda_item_id, theme_id, organisation_id, author_user_id, author_name, invitation_id, title, body, target_groups, district, gathered_by, status, anonymous, late_allowed, hidden_reason, redacted_body, answer, decline_reason, submitted_at, answered_at, receipt_hash, created_at, updated_at) \
SELECT ?1, council_id, id, NULL, NULL, ?2, ?3, NULL, NULL, 'Inspel från bänkprovet', 'Föreningarna i området ser fler unga i centrum sena kvällar och vill ha fler vuxna på plats.', '[\"youth\"]', NULL, 'dialogue_meeting', 'submitted', 0, 0, NULL, NULL, NULL, NULL, ?4, NULL, NULL, ?4, ?4 FROM meeting WHERE id = ?5")?
                .execute(params![input, org, user, now, meeting])?;
            conn.prepare_cached("INSERT INTO input_event (id, input_id, at, actor_user_id, action, from_status, to_status, note) VALUES (?1, ?2, ?3, ?4, 'create', NULL, 'submitted', NULL)")?
                .execute(params![uuid(Uuid::now_v7()), input, now, user])?;
            // The server's own change row, in its shape (what the fan-out reads).
            let change = format!(
                r#"{{"k":"input","id":"{}","council":"{}","what":"submitted"}}"#,
                Uuid::now_v7(),
                Uuid::now_v7()
            );
            conn.prepare_cached("INSERT INTO bench_change_outbox (id, payload, actor_user_id, created_at) VALUES (?1, ?2, ?3, ?4)")?
                .execute(params![uuid(Uuid::now_v7()), change, user, now])?;
            conn.execute_batch("COMMIT")?;
        }
        Kind::Regional => {
            let net = uuid(ctx.data.network);
            let latest = "SELECT * FROM (SELECT p.*, ROW_NUMBER() OVER (PARTITION BY p.author_organisation_id ORDER BY p.published_at DESC) AS rn FROM situation_picture p WHERE p.status = 'published' AND p.author_organisation_id IN (SELECT organisation_id FROM membership WHERE council_id = ?1 AND left_on IS NULL AND role <> 'advisory') AND p.id IN (SELECT picture_id FROM picture_share WHERE council_id = ?1)) WHERE rn = 1";
            let pictures = read_all(conn, latest, params![net])?;
            anyhow::ensure!(pictures > 0, "no pictures");
            read_all(
                conn,
                &format!(
                    "SELECT l.id, e.category, e.trend, count(*) FROM ({latest}) l JOIN picture_entry e ON e.picture_id = l.id GROUP BY l.id, e.category, e.trend"
                ),
                params![net],
            )?;
            read_all(
                conn,
                "SELECT o.* FROM membership m JOIN organisation o ON o.id = m.organisation_id WHERE m.council_id = ?1 AND m.left_on IS NULL AND m.role <> 'advisory'",
                params![net],
            )?;
        }
    }
    Ok(())
}

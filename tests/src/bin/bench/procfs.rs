//! CPU time and memory of processes, read from `/proc` (Linux).

use std::fs;

/// Clock ticks per second of `/proc/<pid>/stat` times (USER_HZ, 100 on Linux).
const TICKS_PER_SECOND: f64 = 100.0;

/// (user + system, children's user + system) CPU seconds of a process.
fn cpu_of(pid: u32) -> Option<(f64, f64)> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name is in parentheses and may hold spaces: split after the last ')'.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // Fields 14-17 of stat(5) are at 11-14 here (the first two were pid and comm).
    let n = |i: usize| fields.get(i).and_then(|v| v.parse::<f64>().ok());
    Some(((n(11)? + n(12)?) / TICKS_PER_SECOND, (n(13)? + n(14)?) / TICKS_PER_SECOND))
}

/// CPU seconds used so far by one process (its own threads).
pub fn process_cpu(pid: u32) -> f64 {
    cpu_of(pid).map_or(0.0, |(own, _)| own)
}

/// CPU seconds used so far by all PostgreSQL processes: the live ones, plus what ended
/// backends left in their parent's children time.
pub fn postgres_cpu() -> f64 {
    let Ok(dir) = fs::read_dir("/proc") else {
        return 0.0;
    };
    let mut total = 0.0;
    for entry in dir.flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else {
            continue;
        };
        let comm = fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
        if comm.trim() != "postgres" {
            continue;
        }
        if let Some((own, children)) = cpu_of(pid) {
            total += own + children;
        }
    }
    total
}

/// Peak resident memory (VmHWM) of a process in MiB.
pub fn peak_rss_mib(pid: u32) -> f64 {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

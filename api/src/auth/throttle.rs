//! Login throttling: failed attempts are counted per account and per client address in
//! a fixed window; once either limit is reached, further attempts are refused without
//! checking the password until the window has passed.
//!
//! The counters live in memory, per server instance. With several instances behind a
//! load balancer each keeps its own count, which multiplies the limit by the number of
//! instances; moving the counters to the database is the step when that matters.

use std::{
    collections::HashMap,
    sync::Mutex,
    time::{Duration, Instant},
};

use crate::config::LoginLimits;

/// Beyond this many tracked keys, expired entries are purged on the next failure.
const PURGE_ABOVE: usize = 10_000;

#[derive(Debug, Clone, Copy)]
struct Window {
    started: Instant,
    failures: u32,
}

/// Counts failed logins.
#[derive(Debug)]
pub struct LoginThrottle {
    limits: LoginLimits,
    accounts: Mutex<HashMap<String, Window>>,
    clients: Mutex<HashMap<String, Window>>,
}

impl LoginThrottle {
    /// A throttle with the given limits.
    pub fn new(limits: LoginLimits) -> Self {
        Self {
            limits,
            accounts: Mutex::new(HashMap::new()),
            clients: Mutex::new(HashMap::new()),
        }
    }

    /// `Err(seconds to wait)` when the account or the client is over its limit.
    pub fn check(&self, account: &str, client: &str, now: Instant) -> Result<(), u64> {
        let wait_account = Self::blocked(
            &self.accounts,
            account,
            self.limits.per_account,
            self.limits.window,
            now,
        );
        let wait_client = Self::blocked(
            &self.clients,
            client,
            self.limits.per_client,
            self.limits.window,
            now,
        );
        match wait_account.max(wait_client) {
            Some(wait) => Err(wait.as_secs().max(1)),
            None => Ok(()),
        }
    }

    /// Records a failed attempt against both keys.
    pub fn record_failure(&self, account: &str, client: &str, now: Instant) {
        Self::bump(&self.accounts, account, self.limits.window, now);
        Self::bump(&self.clients, client, self.limits.window, now);
    }

    /// Clears the account's failures after a successful login.
    pub fn record_success(&self, account: &str) {
        let mut map = self.accounts.lock().unwrap_or_else(|e| e.into_inner());
        map.remove(account);
    }

    fn blocked(
        map: &Mutex<HashMap<String, Window>>,
        key: &str,
        limit: u32,
        window: Duration,
        now: Instant,
    ) -> Option<Duration> {
        let map = map.lock().unwrap_or_else(|e| e.into_inner());
        let entry = map.get(key)?;
        let elapsed = now.saturating_duration_since(entry.started);
        (elapsed < window && entry.failures >= limit).then(|| window - elapsed)
    }

    fn bump(map: &Mutex<HashMap<String, Window>>, key: &str, window: Duration, now: Instant) {
        let mut map = map.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() > PURGE_ABOVE {
            map.retain(|_, w| now.saturating_duration_since(w.started) < window);
        }
        let entry = map.entry(key.to_owned()).or_insert(Window {
            started: now,
            failures: 0,
        });
        if now.saturating_duration_since(entry.started) >= window {
            *entry = Window {
                started: now,
                failures: 0,
            };
        }
        entry.failures = entry.failures.saturating_add(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> LoginLimits {
        LoginLimits {
            per_account: 3,
            per_client: 5,
            window: Duration::from_secs(60),
        }
    }

    #[test]
    fn account_is_blocked_after_its_limit_and_released_after_the_window() {
        let t = LoginThrottle::new(limits());
        let now = Instant::now();
        for i in 0..3 {
            assert!(t.check("a@x.se", &format!("ip{i}"), now).is_ok());
            t.record_failure("a@x.se", &format!("ip{i}"), now);
        }
        assert!(t.check("a@x.se", "ip-new", now).is_err());
        assert!(t.check("b@x.se", "ip-new", now).is_ok());
        assert!(
            t.check("a@x.se", "ip-new", now + Duration::from_secs(61))
                .is_ok()
        );
    }

    #[test]
    fn client_is_blocked_across_accounts() {
        let t = LoginThrottle::new(limits());
        let now = Instant::now();
        for i in 0..5 {
            t.record_failure(&format!("user{i}@x.se"), "10.0.0.1", now);
        }
        assert!(t.check("someone@x.se", "10.0.0.1", now).is_err());
        assert!(t.check("someone@x.se", "10.0.0.2", now).is_ok());
    }

    #[test]
    fn success_clears_the_account_count() {
        let t = LoginThrottle::new(limits());
        let now = Instant::now();
        t.record_failure("a@x.se", "ip", now);
        t.record_failure("a@x.se", "ip", now);
        t.record_success("a@x.se");
        t.record_failure("a@x.se", "ip", now);
        assert!(t.check("a@x.se", "ip2", now).is_ok());
    }
}

//! Configuration, read once at start from flags with `SAMRAD_*` environment fallbacks
//! and passed down; no module reads the environment on its own.

use std::{net::SocketAddr, path::PathBuf, time::Duration};

use clap::{Args, Parser, Subcommand};
use secrecy::{ExposeSecret, SecretString};

/// Command line of the `samrad` binary.
#[derive(Debug, Parser)]
#[command(
    name = "samrad",
    version,
    about = "Samråd: safety collaboration for municipalities, police and partners"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub config: Config,
}

/// What to do; `serve` when none is given.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run migrations and serve the API (and the web UI).
    Serve {
        /// Fill an empty database with the demo data.
        #[arg(long, env = "SAMRAD_DEMO")]
        demo: bool,
    },
    /// Apply pending migrations and exit.
    Migrate,
    /// Fill the database with demo data (refused if it already holds organisations).
    Seed {
        /// Load the demo data set (the only data set there is).
        #[arg(long)]
        demo: bool,
    },
    /// Print the GraphQL schema (SDL) to standard output.
    Schema,
}

/// Settings shared by every command.
#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Database URL: `sqlite://…` or `postgres://…`. Default: a SQLite file in the data folder.
    #[arg(long, env = "SAMRAD_DATABASE_URL", global = true)]
    pub database_url: Option<String>,
    /// Folder for the SQLite database and the generated development JWT secret.
    #[arg(long, env = "SAMRAD_DATA_DIR", default_value = "data", global = true)]
    pub data_dir: PathBuf,
    /// Address to listen on.
    #[arg(long, env = "SAMRAD_LISTEN", default_value = "127.0.0.1:8080", global = true)]
    pub listen: SocketAddr,
    /// HMAC secret for access tokens (at least 32 bytes). Generated and stored in the data
    /// folder when unset, which is only fit for development.
    #[arg(long, env = "SAMRAD_JWT_SECRET", hide_env_values = true, global = true)]
    pub jwt_secret: Option<SecretString>,
    /// `iss` claim of access tokens.
    #[arg(long, env = "SAMRAD_JWT_ISSUER", default_value = "samrad", global = true)]
    pub jwt_issuer: String,
    /// `aud` claim of access tokens.
    #[arg(long, env = "SAMRAD_JWT_AUDIENCE", default_value = "samrad-api", global = true)]
    pub jwt_audience: String,
    /// Lifetime of an access token in seconds (at most 900).
    #[arg(long, env = "SAMRAD_ACCESS_TOKEN_TTL", default_value_t = 900, value_parser = clap::value_parser!(u64).range(10..=900), global = true)]
    pub access_token_ttl_secs: u64,
    /// Lifetime of a session (refresh token) in hours.
    #[arg(long, env = "SAMRAD_SESSION_TTL_HOURS", default_value_t = 12, value_parser = clap::value_parser!(u64).range(1..=720), global = true)]
    pub session_ttl_hours: u64,
    /// How often a live (WebSocket) connection checks that its session still stands, in
    /// seconds: a logout closes it at once, a session ended otherwise within this time.
    #[arg(long, env = "SAMRAD_LIVE_RECHECK_SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=300), global = true)]
    pub live_recheck_secs: u64,
    /// Most live (WebSocket) connections one user may hold at once.
    #[arg(long, env = "SAMRAD_LIVE_CONNECTIONS_PER_USER", default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=100_000), global = true)]
    pub live_connections_per_user: u64,
    /// SMTP server for e-mail, e.g. `smtp://mail.example:587?tls=required`. Unset: e-mail
    /// waits in the outbox.
    #[arg(long, env = "SAMRAD_SMTP_URL", hide_env_values = true, global = true)]
    pub smtp_url: Option<SecretString>,
    /// Sender of Samråd's e-mail.
    #[arg(
        long,
        env = "SAMRAD_MAIL_FROM",
        default_value = "Samråd <noreply@samrad.invalid>",
        global = true
    )]
    pub mail_from: String,
    /// The web UI's public address, for links in e-mail; an `https://` address also marks
    /// the session cookie `Secure`. Default: the listen address.
    #[arg(long, env = "SAMRAD_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,
    /// Local hour (Europe/Stockholm, 0–23) of the daily digest e-mail.
    #[arg(long, env = "SAMRAD_DIGEST_HOUR", default_value_t = 7, value_parser = clap::value_parser!(u32).range(0..=23), global = true)]
    pub digest_hour: u32,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted proxy).
    #[arg(long, env = "SAMRAD_TRUST_FORWARDED_FOR", global = true)]
    pub trust_forwarded_for: bool,
    /// Folder with the built web UI, served at `/`.
    #[arg(long, env = "SAMRAD_WEB_DIR", default_value = "web/dist", global = true)]
    pub web_dir: PathBuf,
    /// Maximum size of a request body in bytes.
    #[arg(long, env = "SAMRAD_MAX_BODY_BYTES", default_value_t = 1024 * 1024, global = true)]
    pub max_body_bytes: usize,
    /// Log as JSON lines instead of text.
    #[arg(long, env = "SAMRAD_LOG_JSON", global = true)]
    pub log_json: bool,
    /// Log every SQL statement with its values and time (for diagnosis and the benchmark;
    /// values may be personal data, so never in production).
    #[arg(long, env = "SAMRAD_LOG_SQL", global = true)]
    pub log_sql: bool,
    /// Development tools: GraphiQL, introspection and "did you mean" suggestions. Off by
    /// default (they tell an outsider the whole API); `serve --demo` turns them on.
    #[arg(long, env = "SAMRAD_DEV_TOOLS", global = true)]
    pub dev_tools: bool,
    /// Background tiles for the web UI's maps: an XYZ address template with `{z}`, `{x}` and
    /// `{y}` (an OpenStreetMap tile service, or Lantmäteriet's topographic web map; see the
    /// README). Unset: maps draw Samråd's own layers on a plain background, offline.
    #[arg(long, env = "SAMRAD_MAP_TILES", value_parser = parse_tile_template, global = true)]
    pub map_tiles: Option<String>,
    /// The attribution the tile service asks for, shown on every map.
    #[arg(long, env = "SAMRAD_MAP_ATTRIBUTION", global = true)]
    pub map_attribution: Option<String>,
}

/// An `http(s)` address template with `{z}`, `{x}` and `{y}`; anything else stops the start
/// with a message rather than a map that silently stays empty.
fn parse_tile_template(value: &str) -> Result<String, String> {
    let value = value.trim();
    // Set but empty means unset, as for the other settings.
    if value.is_empty() {
        return Ok(String::new());
    }
    let scheme = value.starts_with("https://") || value.starts_with("http://");
    let placeholders = ["{z}", "{x}", "{y}"].iter().all(|p| value.contains(p));
    if scheme && placeholders && !value.contains(char::is_whitespace) {
        Ok(value.to_owned())
    } else {
        Err("expected an http(s) address with {z}, {x} and {y}, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png".into())
    }
}

impl Config {
    /// The database URL, defaulting to `samrad.db` in the data folder (created if missing).
    pub fn database_url(&self) -> String {
        match self.database_url.as_deref().map(str::trim).filter(|url| !url.is_empty()) {
            Some(url) => url.to_owned(),
            None => format!("sqlite://{}?mode=rwc", self.data_dir.join("samrad.db").display()),
        }
    }

    /// Whether e-mail is set up.
    fn mail_configured(&self) -> bool {
        self.smtp_url.as_ref().is_some_and(|url| !url.expose_secret().trim().is_empty())
    }

    /// What the web UI reads from `/config.json`.
    pub fn web_settings(&self) -> crate::app::WebSettings {
        crate::app::WebSettings {
            receipt_email: self.mail_configured(),
            map_tiles: self.map_tiles.clone().filter(|t| !t.is_empty()),
            map_attribution: self.map_attribution.clone().filter(|a| !a.trim().is_empty()),
        }
    }

    /// Settings of the background workers (notifications, reminders, e-mail).
    pub fn worker_settings(&self) -> crate::workers::WorkerSettings {
        crate::workers::WorkerSettings {
            mail: crate::mail::MailSettings {
                smtp_url: self.smtp_url.clone(),
                from: self.mail_from.clone(),
                public_url: self
                    .public_url
                    .clone()
                    .unwrap_or_else(|| format!("http://{}", self.listen)),
            },
            digest_hour: self.digest_hour,
        }
    }

    /// Settings derived for the token and login machinery.
    pub fn auth_settings(&self) -> AuthSettings {
        AuthSettings {
            issuer: self.jwt_issuer.clone(),
            audience: self.jwt_audience.clone(),
            access_ttl: Duration::from_secs(self.access_token_ttl_secs),
            session_ttl: Duration::from_secs(self.session_ttl_hours * 3600),
            trust_forwarded_for: self.trust_forwarded_for,
            password_cost: PasswordCost::Production,
            login_limits: LoginLimits::default(),
            invitation_limits: LoginLimits::invitations(),
            live_recheck: Duration::from_secs(self.live_recheck_secs),
            live_connections_per_user: usize::try_from(self.live_connections_per_user)
                .unwrap_or(usize::MAX),
            secure_cookies: self
                .public_url
                .as_deref()
                .is_some_and(|u| u.get(..8).is_some_and(|s| s.eq_ignore_ascii_case("https://"))),
            receipt_mail: self.mail_configured(),
            receipt_limits: LoginLimits::receipts(),
        }
    }
}

/// Token lifetimes, claims and login limits.
#[derive(Debug, Clone)]
pub struct AuthSettings {
    pub issuer: String,
    pub audience: String,
    pub access_ttl: Duration,
    pub session_ttl: Duration,
    pub trust_forwarded_for: bool,
    pub password_cost: PasswordCost,
    pub login_limits: LoginLimits,
    /// Submissions through invitation links: per invitation and per client address.
    pub invitation_limits: LoginLimits,
    /// How often a live connection checks that its session still stands.
    pub live_recheck: Duration,
    /// Most live connections one user may hold at once.
    pub live_connections_per_user: usize,
    /// The refresh cookie carries `Secure` (the public address is https).
    pub secure_cookies: bool,
    /// E-mail is set up (`SAMRAD_SMTP_URL`), so a receipt link may be e-mailed; without
    /// it an address would only wait in the outbox.
    pub receipt_mail: bool,
    /// Receipt e-mails: per recipient and per invitation.
    pub receipt_limits: LoginLimits,
}

/// Argon2id cost. Tests use the cheap setting so thousands of logins stay fast; the
/// hash records its own parameters, so verification works across settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordCost {
    /// OWASP's recommendation for Argon2id: 19 MiB, 2 iterations, 1 lane.
    Production,
    /// The smallest parameters argon2 accepts; for tests only.
    Minimal,
}

/// How many failed logins are tolerated before further attempts are refused.
#[derive(Debug, Clone, Copy)]
pub struct LoginLimits {
    /// Failures per account within the window.
    pub per_account: u32,
    /// Failures per client address within the window.
    pub per_client: u32,
    pub window: Duration,
}

impl LoginLimits {
    /// Submissions through one invitation link (a youth council may send many) and from
    /// one client address, per ten minutes.
    pub fn invitations() -> Self {
        Self { per_account: 60, per_client: 10, window: Duration::from_secs(10 * 60) }
    }

    /// Receipt links e-mailed to one address, and through one invitation link, per day:
    /// enough for a youth council, too few to make Samråd a mailer for anyone else.
    pub fn receipts() -> Self {
        Self { per_account: 3, per_client: 30, window: Duration::from_secs(24 * 3600) }
    }
}

impl Default for LoginLimits {
    fn default() -> Self {
        Self { per_account: 5, per_client: 20, window: Duration::from_secs(15 * 60) }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_tile_template;

    #[test]
    fn a_tile_template_needs_a_web_address_and_all_three_placeholders() {
        let osm = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
        assert_eq!(parse_tile_template(&format!(" {osm} ")).as_deref(), Ok(osm));
        for bad in [
            "tile.openstreetmap.org/{z}/{x}/{y}.png",
            "https://tile.openstreetmap.org/{z}/{x}.png",
            "javascript:alert(1)//{z}{x}{y}",
            "https://tiles.example/{z}/{x}/{y} .png",
        ] {
            assert!(parse_tile_template(bad).is_err(), "{bad}");
        }
    }
}

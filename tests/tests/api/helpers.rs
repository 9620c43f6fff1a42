//! The test application: a fresh database, the real router, and GraphQL helpers.

use std::{
    net::SocketAddr,
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
};

use anyhow::{Context as _, anyhow};
use axum::{
    Router,
    body::Body,
    extract::ConnectInfo,
    http::{Request, StatusCode, header},
};
use http_body_util::BodyExt;
use samrad::{
    app::{self, AppOptions, AppState},
    config::{AuthSettings, LoginLimits, PasswordCost},
    seed,
};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, DbBackend};
use secrecy::SecretString;
use serde_json::{Value, json};
use tower::ServiceExt;
use uuid::Uuid;

/// The JWT secret of every test app (tests forge tokens with it).
pub const SECRET: &str = "test-secret-test-secret-test-secret-0123456789";
pub const ISSUER: &str = "samrad";
pub const AUDIENCE: &str = "samrad-api";

/// Demo logins by role (see `samrad::seed`).
pub const ADMIN: &str = "admin@samrad.example";
pub const SECRETARIAT: &str = "sekretariat@goteborg.example";
pub const CHAIR: &str = "ordforande@goteborg.example";
pub const MEMBER: &str = "polis@vast.example";
pub const ADVISORY: &str = "ungdom@goteborg.example";
pub const OTHER_SECRETARIAT: &str = "analytiker@gavle.example";
pub const OUTSIDER: &str = "utomstaende@example.org";

enum TestDb {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let TestDb::Postgres { admin_url, name } = self {
            let (admin_url, name) = (admin_url.clone(), name.clone());
            // Dropping runs outside the test's runtime, on a thread with its own.
            let _ = std::thread::spawn(move || {
                let Ok(rt) = tokio::runtime::Builder::new_current_thread().enable_all().build()
                else {
                    return;
                };
                rt.block_on(async {
                    if let Ok(db) = Database::connect(&admin_url).await {
                        let _ = db
                            .execute_unprepared(&format!(
                                "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                            ))
                            .await;
                    }
                });
            })
            .join();
        }
    }
}

/// A running application on its own database.
pub struct TestApp {
    /// The database URL, for a second server instance or connection of its own.
    pub url: String,
    pub router: Router,
    pub state: AppState,
    pub db: DatabaseConnection,
    statements: Arc<AtomicUsize>,
    _database: TestDb,
}

/// Settings for tests: cheap password hashing, otherwise production rules.
pub fn test_auth_settings() -> AuthSettings {
    AuthSettings {
        issuer: ISSUER.into(),
        audience: AUDIENCE.into(),
        access_ttl: std::time::Duration::from_secs(900),
        session_ttl: std::time::Duration::from_secs(3600),
        trust_forwarded_for: false,
        password_cost: PasswordCost::Minimal,
        login_limits: LoginLimits::default(),
        invitation_limits: LoginLimits::invitations(),
        live_recheck: std::time::Duration::from_secs(1),
        live_connections_per_user: 8,
        secure_cookies: false,
        receipt_mail: true,
        receipt_limits: LoginLimits::receipts(),
    }
}

async fn fresh_database() -> anyhow::Result<(String, TestDb)> {
    match std::env::var("SAMRAD_TEST_DATABASE_URL") {
        Ok(url) if url.starts_with("postgres") => {
            let name = format!("samrad_t_{}", Uuid::new_v4().simple());
            let admin =
                Database::connect(&url).await.context("connect to the PostgreSQL test server")?;
            admin.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await?;
            let base = url.rsplit_once('/').map_or(url.as_str(), |(base, _)| base);
            Ok((format!("{base}/{name}"), TestDb::Postgres { admin_url: url.clone(), name }))
        }
        _ => {
            let dir = tempfile::tempdir()?;
            let url = format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display());
            Ok((url, TestDb::Sqlite(dir)))
        }
    }
}

impl TestApp {
    /// An app on an empty, migrated database.
    pub async fn empty() -> anyhow::Result<Self> {
        Self::with_settings(test_auth_settings()).await
    }

    /// An app with the demo data (one login per role).
    pub async fn seeded() -> anyhow::Result<Self> {
        let app = Self::empty().await?;
        anyhow::ensure!(seed::seed_demo(&app.db, &app.state.server.auth.hasher).await?);
        Ok(app)
    }

    /// An app with custom auth settings.
    pub async fn with_settings(auth: AuthSettings) -> anyhow::Result<Self> {
        Self::build(auth, false).await
    }

    /// An app with GraphiQL, introspection and suggestions on, as `serve --demo` runs.
    pub async fn with_dev_tools() -> anyhow::Result<Self> {
        Self::build(test_auth_settings(), true).await
    }

    async fn build(auth: AuthSettings, dev_tools: bool) -> anyhow::Result<Self> {
        let (url, database) = fresh_database().await?;
        let mut db = samrad::db::connect(&url).await?;
        samrad::db::migrate(&db).await?;
        let statements = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&statements);
        let trace = std::env::var_os("SAMRAD_TEST_TRACE_SQL").is_some();
        db.set_metric_callback(move |info| {
            counter.fetch_add(1, Ordering::SeqCst);
            if trace {
                eprintln!("sql: {}", info.statement);
            }
        });
        let options = AppOptions {
            database_url: url.clone(),
            jwt_secret: SecretString::from(SECRET),
            auth,
            web_dir: None,
            max_body_bytes: 1024 * 1024,
            log_sql: false,
            dev_tools,
            web: app::WebSettings { receipt_email: true, ..Default::default() },
        };
        let built = app::build_with_db(db.clone(), options)?;
        Ok(Self {
            url,
            router: built.router,
            state: built.state,
            db,
            statements,
            _database: database,
        })
    }

    /// Another server instance on the same database, as behind a load balancer.
    pub async fn second_instance(&self) -> anyhow::Result<app::App> {
        let db = samrad::db::connect(&self.url).await?;
        app::build_with_db(
            db,
            AppOptions {
                database_url: self.url.clone(),
                jwt_secret: SecretString::from(SECRET),
                auth: test_auth_settings(),
                web_dir: None,
                max_body_bytes: 1024 * 1024,
                log_sql: false,
                dev_tools: false,
                web: app::WebSettings::default(),
            },
        )
    }

    pub fn backend(&self) -> DbBackend {
        self.db.get_database_backend()
    }

    /// SQL statements executed so far.
    pub fn statement_count(&self) -> usize {
        self.statements.load(Ordering::SeqCst)
    }

    /// Sends a raw request through the router.
    pub async fn send(&self, request: Request<Body>) -> anyhow::Result<(StatusCode, Value)> {
        send_to(self.router.clone(), request).await
    }

    /// Sends a raw request through the router; the response's headers too.
    pub async fn send_with_headers(
        &self, request: Request<Body>,
    ) -> anyhow::Result<(StatusCode, axum::http::HeaderMap, Value)> {
        let response = self.router.clone().oneshot(request).await?;
        let (parts, body) = response.into_parts();
        let bytes = body.collect().await.map_err(|e| anyhow!("{e}"))?.to_bytes();
        let body = serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into()));
        Ok((parts.status, parts.headers, body))
    }

    /// A GraphQL POST from `client`, with an optional bearer token.
    pub async fn gql_from(
        &self, client: SocketAddr, token: Option<&str>, query: &str, variables: Value,
    ) -> anyhow::Result<Value> {
        post_graphql(self.router.clone(), client, token, query, variables).await
    }

    /// A GraphQL POST from 127.0.0.1.
    pub async fn gql(
        &self, token: Option<&str>, query: &str, variables: Value,
    ) -> anyhow::Result<Value> {
        self.gql_from(SocketAddr::from(([127, 0, 0, 1], 40000)), token, query, variables).await
    }

    /// Logs in and returns the whole payload.
    pub async fn login_payload(&self, email: &str, password: &str) -> anyhow::Result<Value> {
        let body = self
            .gql(
                None,
                "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken user { id } } }",
                json!({ "e": email, "p": password }),
            )
            .await?;
        body.pointer("/data/login")
            .cloned()
            .filter(|v| !v.is_null())
            .ok_or_else(|| anyhow!("login failed: {body}"))
    }

    /// Logs in a demo user and returns the access token.
    pub async fn login(&self, email: &str) -> anyhow::Result<String> {
        let payload = self.login_payload(email, seed::DEMO_PASSWORD).await?;
        str_at(&payload, "/accessToken")
    }

    /// Runs a GraphQL request as a demo user (or anonymously with `None`).
    pub async fn gql_as(
        &self, email: Option<&str>, query: &str, variables: Value,
    ) -> anyhow::Result<Value> {
        let token = match email {
            Some(email) => Some(self.login(email).await?),
            None => None,
        };
        self.gql(token.as_deref(), query, variables).await
    }

    /// Id of an organisation by name.
    pub async fn organisation_id(&self, name: &str) -> anyhow::Result<String> {
        self.id_by_name("organisation", name).await
    }

    /// Id of a council by name.
    pub async fn council_id(&self, name: &str) -> anyhow::Result<String> {
        self.id_by_name("council", name).await
    }

    /// Id of a user by email.
    pub async fn user_id(&self, email: &str) -> anyhow::Result<String> {
        let row = self
            .db
            .query_one_raw(sea_orm::Statement::from_sql_and_values(
                self.backend(),
                placeholder(self.backend(), "SELECT id FROM app_user WHERE email = ?"),
                [email.into()],
            ))
            .await?
            .ok_or_else(|| anyhow!("no user {email}"))?;
        Ok(row.try_get_by_index::<Uuid>(0)?.to_string())
    }

    async fn id_by_name(&self, table: &str, name: &str) -> anyhow::Result<String> {
        let row = self
            .db
            .query_one_raw(sea_orm::Statement::from_sql_and_values(
                self.backend(),
                placeholder(self.backend(), &format!("SELECT id FROM {table} WHERE name = ?")),
                [name.into()],
            ))
            .await?
            .ok_or_else(|| anyhow!("no {table} named {name}"))?;
        Ok(row.try_get_by_index::<Uuid>(0)?.to_string())
    }

    /// Rows in a table (to show that a refused change changed nothing).
    pub async fn count(&self, table: &str) -> anyhow::Result<i64> {
        let row = self
            .db
            .query_one_raw(sea_orm::Statement::from_string(
                self.backend(),
                format!("SELECT COUNT(*) FROM {table}"),
            ))
            .await?
            .ok_or_else(|| anyhow!("no count"))?;
        Ok(row.try_get_by_index::<i64>(0)?)
    }

    /// A fingerprint of a whole table, to show that nothing in it changed.
    pub async fn snapshot(&self, table: &str) -> anyhow::Result<Vec<String>> {
        let rows = <sea_orm::JsonValue as sea_orm::FromQueryResult>::find_by_statement(
            sea_orm::Statement::from_string(
                self.backend(),
                format!("SELECT * FROM {table} ORDER BY id"),
            ),
        )
        .all(&self.db)
        .await?;
        Ok(rows.iter().map(Value::to_string).collect())
    }
}

/// Sends a raw request through `router`; the body as JSON, or as a string when it is not.
async fn send_to(router: Router, request: Request<Body>) -> anyhow::Result<(StatusCode, Value)> {
    let response = router.oneshot(request).await?;
    let status = response.status();
    let bytes = response.into_body().collect().await.map_err(|e| anyhow!("{e}"))?.to_bytes();
    let body = serde_json::from_slice(&bytes)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into()));
    Ok((status, body))
}

/// A GraphQL POST through `router` (this app's or another instance's) from `client`.
pub async fn post_graphql(
    router: Router, client: SocketAddr, token: Option<&str>, query: &str, variables: Value,
) -> anyhow::Result<Value> {
    let mut builder = Request::post("/graphql").header(header::CONTENT_TYPE, "application/json");
    if let Some(token) = token {
        builder = builder.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    let mut request =
        builder.body(Body::from(json!({ "query": query, "variables": variables }).to_string()))?;
    request.extensions_mut().insert(ConnectInfo(client));
    let (status, body) = send_to(router, request).await?;
    anyhow::ensure!(status == StatusCode::OK, "unexpected status {status}: {body}");
    Ok(body)
}

/// `?` placeholders in the style of SQLite, numbered for PostgreSQL.
fn placeholder(backend: DbBackend, sql: &str) -> String {
    match backend {
        DbBackend::Postgres => {
            let mut n = 0;
            sql.chars()
                .map(|c| {
                    if c == '?' {
                        n += 1;
                        format!("${n}")
                    } else {
                        c.to_string()
                    }
                })
                .collect()
        }
        _ => sql.to_owned(),
    }
}

impl TestApp {
    /// Runs a statement with bound values (`?` placeholders), encoded as the app
    /// encodes them, to arrange fixtures that the API cannot (e.g. moving time back).
    pub async fn exec(&self, sql: &str, values: Vec<sea_orm::Value>) -> anyhow::Result<u64> {
        let stmt = sea_orm::Statement::from_sql_and_values(
            self.backend(),
            placeholder(self.backend(), sql),
            values,
        );
        Ok(self.db.execute_raw(stmt).await?.rows_affected())
    }
}

/// A Swedish local date-time `days` from now at `hour`, as `NaiveDateTime` input takes it.
pub fn local(days: i64, hour: u32) -> String {
    (chrono::Utc::now() + chrono::Duration::days(days))
        .date_naive()
        .and_hms_opt(hour, 0, 0)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%S")
        .to_string()
}

/// The `extensions.code` of the first error, or "OK" when there is none.
pub fn code(body: &Value) -> String {
    match body.pointer("/errors/0") {
        None => "OK".into(),
        Some(err) => {
            err.pointer("/extensions/code").and_then(Value::as_str).unwrap_or("NO_CODE").to_owned()
        }
    }
}

/// The string at a JSON pointer.
pub fn str_at(body: &Value, pointer: &str) -> anyhow::Result<String> {
    body.pointer(pointer)
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| anyhow!("no string at {pointer} in {body}"))
}

impl TestApp {
    /// Runs `query` with `token` and asserts that it is refused with the expected code
    /// (and field, when given) and that none of `tables` changed; `label` names the case.
    pub async fn assert_refused(
        &self, label: &str, token: Option<&str>, query: &str, variables: Value,
        (expected, field): (&str, Option<&str>), tables: &[&str],
    ) -> anyhow::Result<()> {
        let mut before = vec![];
        for table in tables {
            before.push(self.snapshot(table).await?);
        }
        let body = self.gql(token, query, variables.clone()).await?;
        assert_eq!(code(&body), expected, "{label}: {body}");
        if let Some(field) = field {
            assert_eq!(body.pointer("/errors/0/extensions/field"), Some(&json!(field)), "{label}");
        }
        for (table, before) in tables.iter().zip(before) {
            assert_eq!(self.snapshot(table).await?, before, "{label} changed {table}");
        }
        Ok(())
    }
}

/// A role the access tests run through: who the caller is in relation to Göteborg's
/// council, the one most tests act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// No token at all.
    Anonymous,
    /// A platform administrator.
    Admin,
    /// The council's secretariat.
    Secretariat,
    /// The council's chair.
    Chair,
    /// A member organisation's representative (the police).
    Member,
    /// An advisory body's representative (the youth council).
    Advisory,
    /// The secretariat of another council (Gävle's).
    OtherSecretariat,
    /// Logged in, without a seat anywhere.
    Outsider,
}

impl Role {
    /// The role's demo login; `None` for anonymous.
    pub const fn email(self) -> Option<&'static str> {
        match self {
            Self::Anonymous => None,
            Self::Admin => Some(ADMIN),
            Self::Secretariat => Some(SECRETARIAT),
            Self::Chair => Some(CHAIR),
            Self::Member => Some(MEMBER),
            Self::Advisory => Some(ADVISORY),
            Self::OtherSecretariat => Some(OTHER_SECRETARIAT),
            Self::Outsider => Some(OUTSIDER),
        }
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Anonymous => "anonymous",
            Self::Admin => "admin",
            Self::Secretariat => "secretariat",
            Self::Chair => "chair",
            Self::Member => "member",
            Self::Advisory => "advisory",
            Self::OtherSecretariat => "other council's secretariat",
            Self::Outsider => "outsider",
        })
    }
}

/// Every role the access tests run through, with its login.
pub const ROLES: &[(Role, Option<&str>)] = &[
    (Role::Anonymous, Role::Anonymous.email()),
    (Role::Admin, Role::Admin.email()),
    (Role::Secretariat, Role::Secretariat.email()),
    (Role::Chair, Role::Chair.email()),
    (Role::Member, Role::Member.email()),
    (Role::Advisory, Role::Advisory.email()),
    (Role::OtherSecretariat, Role::OtherSecretariat.email()),
    (Role::Outsider, Role::Outsider.email()),
];

/// Expected outcome of a platform-admin-only operation, per role.
pub fn admin_only(role: Role) -> &'static str {
    match role {
        Role::Admin => "OK",
        Role::Anonymous => "UNAUTHENTICATED",
        _ => "FORBIDDEN",
    }
}

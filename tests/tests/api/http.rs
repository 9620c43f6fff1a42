//! The HTTP edge: transport rules (CSRF), limits, operations endpoints, error hygiene.

use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

use crate::helpers::*;

fn post(content_type: &str, body: impl Into<Body>) -> anyhow::Result<Request<Body>> {
    Ok(Request::post("/graphql").header(header::CONTENT_TYPE, content_type).body(body.into())?)
}

const CREATE_ORG: &str =
    r#"mutation { createOrganisation(input: { name: "CSRF AB", kind: BUSINESS }) { id } }"#;

#[tokio::test]
async fn mutations_are_refused_over_get() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let token = app.login(ADMIN).await?;
    let query: String = url_encode(CREATE_ORG);
    let request = Request::get(format!("/graphql?query={query}"))
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::empty())?;
    let before = app.count("organisation").await?;
    let (status, _) = app.send(request).await?;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(app.count("organisation").await?, before);
    // Queries over GET work.
    let request = Request::get(format!("/graphql?query={}", url_encode("{ me { displayName } }")))
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::empty())?;
    let (status, body) = app.send(request).await?;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(str_at(&body, "/data/me/displayName")?, "Elin Berg");
    Ok(())
}

#[tokio::test]
async fn only_json_posts_reach_the_schema() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let token = app.login(ADMIN).await?;
    let before = app.count("organisation").await?;
    let json_body = json!({ "query": CREATE_ORG }).to_string();
    for content_type in
        ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]
    {
        let mut request = post(content_type, json_body.clone())?;
        request.headers_mut().insert(header::AUTHORIZATION, format!("Bearer {token}").parse()?);
        let (status, body) = app.send(request).await?;
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{content_type}");
        assert_eq!(code(&body), "UNSUPPORTED_MEDIA_TYPE");
    }
    let mut request = Request::post("/graphql").body(Body::from(json_body))?;
    request.headers_mut().insert(header::AUTHORIZATION, format!("Bearer {token}").parse()?);
    let (status, _) = app.send(request).await?;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "no content type");
    assert_eq!(app.count("organisation").await?, before);
    Ok(())
}

#[tokio::test]
async fn a_twenty_mebibyte_request_is_refused_with_413() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let big = vec![b' '; 20 * 1024 * 1024];
    let mut request = post("application/json", big)?;
    request.headers_mut().insert(header::CONTENT_LENGTH, (20 * 1024 * 1024).to_string().parse()?);
    let (status, _) = app.send(request).await?;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    // Also without a Content-Length (streamed), the body is cut off at the limit.
    let chunks = futures_util::stream::iter(
        (0..20).map(|_| Ok::<_, std::io::Error>(vec![b' '; 1024 * 1024])),
    );
    let request = post("application/json", Body::from_stream(chunks))?;
    let (status, _) = app.send(request).await?;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    Ok(())
}

#[tokio::test]
async fn batches_are_refused() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let batch = json!([{ "query": "{ __typename }" }, { "query": "{ __typename }" }]).to_string();
    let (status, body) = app.send(post("application/json", batch)?).await?;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(code(&body), "BAD_REQUEST");
    Ok(())
}

#[tokio::test]
async fn malformed_bodies_get_a_clear_error() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    for body in ["", "{", "null", "{\"query\": 5}", &"[".repeat(10_000)] {
        let (status, response) = app.send(post("application/json", body.to_owned())?).await?;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body:.20}");
        assert_eq!(code(&response), "BAD_REQUEST");
    }
    // Invalid GraphQL is a GraphQL error with a code, not a crash.
    let body = app.gql(None, "{ me { ", json!({})).await?;
    assert_eq!(code(&body), "BAD_USER_INPUT");
    let body = app.gql(None, "{ noSuchField }", json!({})).await?;
    assert_eq!(code(&body), "BAD_USER_INPUT");
    Ok(())
}

#[tokio::test]
async fn query_depth_complexity_and_page_size_are_limited() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let token = app.login(MEMBER).await?;
    let deep = format!(
        "{{ me {{ affiliations {{ organisation {{ {}name{} }} }} }} }}",
        "parent { ".repeat(12),
        " }".repeat(12)
    );
    let body = app.gql(Some(&token), &deep, json!({})).await?;
    let message = str_at(&body, "/errors/0/message")?;
    assert!(message.to_lowercase().contains("nested too deep"), "{message}");

    let fields = "id name kind municipalityCode createdAt updatedAt parent { id name kind }";
    let wide: String = (0..3)
        .map(|i| format!("a{i}: organisations(first: 100) {{ edges {{ node {{ {fields} }} }} }}\n"))
        .collect();
    let body = app.gql(Some(&token), &format!("{{ {wide} }}"), json!({})).await?;
    let message = str_at(&body, "/errors/0/message")?;
    assert!(message.to_lowercase().contains("too complex"), "{message}");
    assert_eq!(code(&body), "BAD_USER_INPUT");
    assert!(body.pointer("/data").is_none_or(Value::is_null));
    Ok(())
}

#[tokio::test]
async fn internal_errors_reveal_no_database_text() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let token = app.login(ADMIN).await?;
    app.db.execute_unprepared("DROP TABLE audit_event").await?;
    let body = app
        .gql(Some(&token), r#"mutation { createOrganisation(input: { name: "Ny förening", kind: CIVIL_SOCIETY }) { id } }"#, json!({}))
        .await?;
    assert_eq!(code(&body), "INTERNAL");
    assert_eq!(str_at(&body, "/errors/0/message")?, "internal error");
    assert!(body.pointer("/errors/0/extensions/correlationId").is_some());
    let text = body.to_string().to_lowercase();
    for leak in ["audit_event", "no such", "sql", "does not exist"] {
        assert!(!text.contains(leak), "leaks {leak}: {text}");
    }
    // The transaction was rolled back: the organisation was not created.
    let body = app
        .gql(
            Some(&token),
            r#"{ organisations(first: 100) { edges { node { name } } } }"#,
            json!({}),
        )
        .await?;
    assert!(!body.to_string().contains("Ny förening"));
    Ok(())
}

#[tokio::test]
async fn health_readiness_graphiql_and_request_ids() -> anyhow::Result<()> {
    let app = TestApp::empty().await?;
    for (path, expected) in [("/healthz", "ok"), ("/readyz", "ready")] {
        let response =
            tower::ServiceExt::oneshot(app.router.clone(), Request::get(path).body(Body::empty())?)
                .await?;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert!(response.headers().contains_key("x-request-id"), "{path} has no request id");
        let bytes = http_body_util::BodyExt::collect(response.into_body()).await?.to_bytes();
        assert_eq!(&bytes[..], expected.as_bytes());
    }
    Ok(())
}

#[tokio::test]
async fn the_web_ui_learns_the_map_tiles_from_config_json() -> anyhow::Result<()> {
    let app = TestApp::empty().await?;
    // Unset: the UI is told there is no background, and draws Samråd's own layers offline.
    let (status, body) = app.send(Request::get("/config.json").body(Body::empty())?).await?;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, json!({ "receiptEmail": true, "mapTiles": null, "mapAttribution": null }));
    let mut state = app.state.clone();
    state.web = std::sync::Arc::new(samrad::app::WebSettings {
        receipt_email: false,
        map_tiles: Some("https://tiles.example/{z}/{x}/{y}.png".into()),
        map_attribution: Some("© Exempel".into()),
    });
    let router = samrad::app::router(state, None);
    let response =
        tower::ServiceExt::oneshot(router, Request::get("/config.json").body(Body::empty())?)
            .await?;
    assert_eq!(
        response.headers().get("cache-control").and_then(|v| v.to_str().ok()),
        Some("no-cache")
    );
    let bytes = http_body_util::BodyExt::collect(response.into_body()).await?.to_bytes();
    let body: Value = serde_json::from_slice(&bytes)?;
    assert_eq!(body["mapTiles"], "https://tiles.example/{z}/{x}/{y}.png");
    assert_eq!(body["mapAttribution"], "© Exempel");
    assert_eq!(body["receiptEmail"], false, "no e-mail, no offer to e-mail the receipt");
    Ok(())
}

const INTROSPECTION: &str = "{ __schema { queryType { name } } }";

#[tokio::test]
async fn graphiql_introspection_and_suggestions_are_off_by_default() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let (status, _) = app.send(Request::get("/graphql").body(Body::empty())?).await?;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let token = app.login(ADMIN).await?;
    for token in [None, Some(token.as_str())] {
        let body = app.gql(token, INTROSPECTION, json!({})).await?;
        assert!(body.pointer("/data/__schema").is_none_or(Value::is_null), "{body}");
        let body = app.gql(token, "{ councilz { edges { node { id } } } }", json!({})).await?;
        assert_eq!(code(&body), "BAD_USER_INPUT");
        assert!(!body.to_string().contains("Did you mean"), "{body}");
    }
    Ok(())
}

#[tokio::test]
async fn dev_tools_serve_graphiql_introspection_and_suggestions() -> anyhow::Result<()> {
    let app = TestApp::with_dev_tools().await?;
    let (status, body) = app.send(Request::get("/graphql").body(Body::empty())?).await?;
    assert_eq!(status, StatusCode::OK);
    assert!(body.as_str().is_some_and(|html| html.contains("graphiql")));
    let body = app.gql(None, INTROSPECTION, json!({})).await?;
    assert_eq!(str_at(&body, "/data/__schema/queryType/name")?, "QueryRoot");
    let body = app.gql(None, "{ councilz { edges { node { id } } } }", json!({})).await?;
    assert!(body.to_string().contains("Did you mean"), "{body}");
    Ok(())
}

#[tokio::test]
async fn readiness_fails_when_the_database_is_gone() -> anyhow::Result<()> {
    let app = TestApp::empty().await?;
    app.db.clone().close().await?;
    let (status, _) = app.send(Request::get("/readyz").body(Body::empty())?).await?;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    Ok(())
}

fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

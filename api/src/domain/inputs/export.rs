//! The CSV export of a meeting's inputs.

use crate::domain::prelude::*;
use crate::domain::{labels, meetings::MeetingView};
use sea_orm::ActiveEnum as _;
use std::collections::HashMap;

/// Neutralises spreadsheet formulas: a cell starting with `=`, `+`, `-`, `@`, tab or
/// carriage return gets a leading apostrophe (OWASP's CSV-injection advice).
pub fn csv_cell(value: &str) -> String {
    match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{value}"),
        _ => value.to_owned(),
    }
}

/// A meeting's inputs and answers as CSV, UTF-8 with a byte-order mark so spreadsheet
/// programs keep å, ä and ö (secretariat).
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn export_csv(
    db: &DatabaseConnection, actor: &Actor, meeting: &MeetingView,
) -> AppResult<String> {
    let rows = super::reading::sent_for_secretariat(db, actor, meeting).await?;
    let org_ids: Vec<Uuid> = rows.iter().map(|r| r.organisation_id).collect();
    let org_names: HashMap<Uuid, String> = crate::domain::organisations::by_ids(db, &org_ids)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    // The export leaves the secretariat (it is what gets mailed to a council): it carries
    // what a member would be shown, and says on every row what was withheld.
    let mut writer = csv::Writer::from_writer(vec![]);
    let header = [
        "Titel",
        "Organisation",
        "Status",
        "Målgrupper",
        "Insamlat genom",
        "Stadsdel",
        "Inspel",
        "Svar",
        "Inlämnat",
        "Besvarat",
        "Anonymt",
        "Redigerat",
        "Dolt",
    ];
    writer.write_record(header).map_err(|e| AppError::Internal(e.into()))?;
    let yes_no = |flag: bool| if flag { "ja" } else { "nej" }.to_owned();
    for r in rows {
        let hidden = r.hidden_reason.is_some();
        let groups: Vec<String> = serde_json::from_str(&r.target_groups).map_err(|e| {
            AppError::Internal(anyhow::anyhow!("input {} has corrupt target groups: {e}", r.id))
        })?;
        let groups: Vec<String> = groups.iter().map(|g| labels::sv("group", g)).collect();
        let answer = r.answer.clone().or(r.decline_reason.clone()).unwrap_or_default();
        // A hidden input is listed so the register is complete, but nothing of it that
        // could say who or what: members do not see it at all.
        let organisation = if hidden {
            String::new()
        } else if r.anonymous {
            "Anonymt".to_owned()
        } else {
            org_names.get(&r.organisation_id).cloned().unwrap_or_default()
        };
        let body = match (&r.redacted_body, hidden) {
            (_, true) => "[dolt av sekretariatet]".to_owned(),
            (Some(redacted), false) => redacted.clone(),
            (None, false) => r.body.clone(),
        };
        let title = if hidden { "[dolt]".to_owned() } else { r.title.clone() };
        let answer = if hidden { String::new() } else { answer };
        let record = [
            title,
            organisation,
            labels::sv("status", &r.status.to_value()),
            groups.join(", "),
            labels::sv("gathered", &r.gathered_by.to_value()),
            if hidden { String::new() } else { r.district.clone().unwrap_or_default() },
            body,
            answer,
            r.submitted_at
                .map(|t| crate::domain::time::to_local(t).to_string())
                .unwrap_or_default(),
            r.answered_at.map(|t| crate::domain::time::to_local(t).to_string()).unwrap_or_default(),
            yes_no(r.anonymous),
            yes_no(r.redacted_body.is_some()),
            yes_no(hidden),
        ];
        writer
            .write_record(record.iter().map(|v| csv_cell(v)))
            .map_err(|e| AppError::Internal(e.into()))?;
    }
    let bytes = writer.into_inner().map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| AppError::Internal(e.into()))?;
    Ok(format!("\u{feff}{text}"))
}

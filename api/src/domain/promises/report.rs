//! The follow-up report as CSV: per activity and scope, what was done per area, place or
//! run of weeks and year against what was required, then each partner's narrative and
//! what follows. UTF-8 with a byte-order mark, formulas neutralised, as the inputs export.

use crate::domain::prelude::*;
use std::collections::HashMap;

use super::{
    compliance::{CellState, Standing, Unit},
    occasions,
    plan::{PromiseView, scope_of},
    standing::of_promise,
};
use crate::domain::{inputs::csv_cell, organisations};

use super::compliance::Scope;

/// A scope in the words of an activity plan.
pub fn describe_sv(scope: Scope) -> String {
    use crate::domain::types::AreaKind;
    match scope {
        Scope::PerArea { n, kind: AreaKind::District } => format!("Minst {n} per stadsdel och år"),
        Scope::PerArea { n, kind: AreaKind::Outer } => format!("Minst {n} per ytterområde och år"),
        Scope::PerYear { n } => format!("Minst {n} per år"),
        Scope::EveryWeeks { k: 1 } => "Varje vecka".to_owned(),
        Scope::EveryWeeks { k: 2 } => "Varannan vecka".to_owned(),
        Scope::EveryWeeks { k } => format!("Var {k}:e vecka"),
        Scope::PerPlace { n } => format!("Minst {n} uppföljningar per brottsutsatt plats och år"),
        Scope::AsNeeded => "Återkommande efter behov".to_owned(),
    }
}

/// A standing in Swedish.
pub fn standing_sv(s: Standing) -> &'static str {
    match s {
        Standing::Counted => "räknas",
        Standing::OnTrack => "i fas",
        Standing::AtRisk => "risk",
        Standing::Behind => "efter",
    }
}

fn state_sv(s: CellState) -> &'static str {
    match s {
        CellState::Met => "uppfyllt",
        CellState::Open { reachable: true } => "pågår",
        CellState::Open { reachable: false } => "hinns inte i nuvarande takt",
        CellState::Missed => "missat",
        CellState::Upcoming => "kommande",
        CellState::Counted => "räknas",
    }
}

/// The report of a promise the actor reads, as CSV.
#[tracing::instrument(skip_all, fields(user = %actor.user_id, promise_id = %promise.model.id))]
pub async fn report_csv(
    db: &DatabaseConnection, actor: &Actor, promise: &PromiseView,
) -> AppResult<String> {
    let (plan, standing) = of_promise(db, actor, promise).await?;
    let narratives = occasions::narratives(db, promise.model.id).await?;
    let org_ids: Vec<Uuid> = narratives.iter().map(|n| n.organisation_id).collect();
    let orgs: HashMap<Uuid, String> =
        organisations::by_ids(db, &org_ids).await?.into_iter().map(|o| (o.id, o.name)).collect();
    let err = |e: csv::Error| AppError::Internal(e.into());
    let mut w = csv::Writer::from_writer(vec![]);
    w.write_record([
        "Aktivitet",
        "Omfattning",
        "Läge",
        "Enhet",
        "År",
        "Från",
        "Till",
        "Genomfört",
        "Krävs",
        "Saknas",
        "Status",
    ])
    .map_err(err)?;
    for (activity, counted) in plan.activities.iter().zip(&standing.activities) {
        for s in &counted.scopes {
            let scope = describe_sv(scope_of(&s.scope)?);
            for c in &s.cells {
                let unit = match c.cell.unit {
                    Unit::Whole => "Hela kommunen".to_owned(),
                    Unit::Run(_) => "Period".to_owned(),
                    Unit::Area(_) | Unit::Place(_) if !c.label.is_empty() => c.label.clone(),
                    Unit::Area(_) => "Område".to_owned(),
                    Unit::Place(_) => "Plats".to_owned(),
                };
                w.write_record([
                    csv_cell(&activity.text),
                    scope.clone(),
                    standing_sv(s.standing).to_owned(),
                    csv_cell(&unit),
                    c.cell.year.to_string(),
                    c.cell.from.to_string(),
                    c.cell.to.to_string(),
                    c.cell.done.to_string(),
                    c.cell.required.map(|r| r.to_string()).unwrap_or_default(),
                    c.cell.required.map(|_| c.cell.missing().to_string()).unwrap_or_default(),
                    state_sv(c.state).to_owned(),
                ])
                .map_err(err)?;
            }
        }
    }
    w.write_record([""; 11]).map_err(err)?;
    w.write_record([
        "Aktivitet",
        "Organisation",
        "Berättelse",
        "Vad som följer",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ])
    .map_err(err)?;
    for n in &narratives {
        let Some(activity) = plan.activities.iter().find(|a| a.id == n.activity_id) else {
            continue;
        };
        w.write_record([
            csv_cell(&activity.text),
            csv_cell(orgs.get(&n.organisation_id).map_or("", String::as_str)),
            csv_cell(&n.narrative),
            csv_cell(&n.next_steps),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ])
        .map_err(err)?;
    }
    let bytes = w.into_inner().map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| AppError::Internal(e.into()))?;
    Ok(format!("\u{feff}{text}"))
}

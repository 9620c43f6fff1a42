//! Citizen promises: areas, promises with their plan and compliance, reported occasions,
//! narratives, and the public page of a published promise.

use std::sync::Arc;

use crate::domain::promises::{
    areas::{self, NewArea},
    compliance::{CellState, Unit},
    occasions::{self, NewNarrative, NewOccasion, OccasionView},
    plan::{self, NewActivity, NewPromise, NewScope, NewSignatory, Plan, PromiseView},
    public, report,
    standing::{self, ActivityStanding, Audience, CellView, PromiseStanding, ScopeStanding},
};
use crate::graphql::prelude::*;
use async_graphql::{Enum, InputObject, Object, SimpleObject, connection::Connection};
use entity::{
    activity_scope, area, promise_activity, promise_narrative, promise_pledge, promise_signatory,
};
use tokio::sync::OnceCell;

use super::{
    AreaMutation, AreaQuery, PromiseMutation, PromiseQuery, councils::Council, inputs::TargetGroup,
    organisations::Organisation,
};

/// A district (stadsdel) or an outer area (ytterområde).
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "crate::domain::types::AreaKind")]
pub enum AreaKind {
    District,
    Outer,
}

/// Where a promise is in its life.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "crate::domain::types::PromiseStatus")]
pub enum PromiseStatus {
    Draft,
    Signed,
    InProgress,
    FollowedUp,
    Closed,
}

/// How a scope is counted.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "crate::domain::types::ScopeRule")]
pub enum ScopeRule {
    /// At least `n` per area of `areaKind` per year.
    PerArea,
    /// At least `n` per year.
    PerYear,
    /// At least one in every run of `weeks` weeks.
    EveryWeeks,
    /// At least `n` follow-ups per crime-exposed place per year.
    PerPlace,
    /// Recurring as needed: counted, never judged.
    AsNeeded,
}

/// What counts towards a scope.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "crate::domain::types::ScopeSource")]
pub enum ScopeSource {
    /// Occasions the responsible organisations report.
    Occasions,
    /// The partnership's published joint situation pictures (not restricted ones), and
    /// occasions reported for the activity (a joint picture made outside Samråd).
    JointPictures,
    /// Follow-ups of the partners' crime-exposed places.
    PlaceFollowUps,
}

/// How an activity, or a whole promise, stands.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "crate::domain::promises::compliance::Standing")]
pub enum Standing {
    /// Done as needed: counted, never judged.
    Counted,
    OnTrack,
    /// Nothing missed yet, but something cannot be met at the pace so far.
    AtRisk,
    /// Something required is over and was not done.
    Behind,
}

/// Where one cell of the plan stands.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
pub enum CellStatus {
    /// Done as required.
    Met,
    /// Running, and can be met at the pace so far.
    Open,
    /// Running, and cannot be met at the pace so far.
    AtRisk,
    /// Over, and fewer were done than required.
    Missed,
    /// Not begun yet.
    Upcoming,
    /// As needed: counted, never judged.
    Counted,
}

impl From<CellState> for CellStatus {
    fn from(s: CellState) -> Self {
        match s {
            CellState::Met => Self::Met,
            CellState::Open { reachable: true } => Self::Open,
            CellState::Open { reachable: false } => Self::AtRisk,
            CellState::Missed => Self::Missed,
            CellState::Upcoming => Self::Upcoming,
            CellState::Counted => Self::Counted,
        }
    }
}

/// What one cell counts.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
pub enum CellUnit {
    /// The whole municipality.
    Whole,
    Area,
    /// A crime-exposed place.
    Place,
    /// A run of weeks.
    Run,
}

/// A district or outer area of a municipality.
pub struct Area(pub area::Model);

object! {
    #[Object]
    impl Area {
        id: ID,
        name: &str,
        kind as AreaKind,
        /// The boundary as a GeoJSON geometry (Polygon or MultiPolygon), if imported.
        boundary: Option<&str>,
        municipality: Option<Organisation> = municipality_id,
    }
}

/// A citizen promise (medborgarlöfte) of a partnership.
pub struct Promise {
    view: PromiseView,
    plan: Arc<OnceCell<Arc<Plan>>>,
}

impl Promise {
    fn new(view: PromiseView) -> Self {
        Self { view, plan: Arc::default() }
    }

    async fn plan(&self, ctx: &Context<'_>) -> Res<Arc<Plan>> {
        let (db, _) = caller(ctx)?;
        let plan = self
            .plan
            .get_or_try_init(|| async { plan::plan(db, &self.view).await.map(Arc::new) })
            .await
            .gql()?;
        Ok(plan.clone())
    }
}

#[Object]
impl Promise {
    async fn id(&self) -> ID {
        id(self.view.model.id)
    }

    /// The partnership that made it.
    async fn council(&self, ctx: &Context<'_>) -> Res<Option<Council>> {
        related(ctx, Some(self.view.model.council_id)).await
    }

    /// The municipality whose areas its scopes count per.
    async fn municipality(&self, ctx: &Context<'_>) -> Res<Option<Organisation>> {
        related(ctx, Some(self.view.model.municipality_id)).await
    }

    async fn title(&self) -> &str {
        &self.view.model.title
    }

    async fn period_from(&self) -> NaiveDate {
        self.view.model.period_from
    }

    async fn period_to(&self) -> NaiveDate {
        self.view.model.period_to
    }

    /// When the whole promise is followed up.
    async fn follow_up_on(&self) -> NaiveDate {
        self.view.model.follow_up_on
    }

    async fn status(&self) -> PromiseStatus {
        self.view.model.status.into()
    }

    /// When it was published to citizens; null while it is not.
    async fn published_at(&self) -> Option<DateTime<Utc>> {
        self.view.model.published_at
    }

    /// Whether you may change the plan, status and publication (the secretariat).
    async fn can_manage(&self) -> bool {
        self.view.can_manage()
    }

    /// What the partners promise, each with its activities.
    async fn pledges(&self, ctx: &Context<'_>) -> Res<Vec<Pledge>> {
        let plan = self.plan(ctx).await?;
        Ok(plan.pledges.iter().map(|p| Pledge { model: p.clone(), plan: plan.clone() }).collect())
    }

    /// The activity plan, in order.
    async fn activities(&self, ctx: &Context<'_>) -> Res<Vec<Activity>> {
        let plan = self.plan(ctx).await?;
        Ok(plan
            .activities
            .iter()
            .map(|a| Activity { model: a.clone(), plan: plan.clone() })
            .collect())
    }

    async fn signatories(&self, ctx: &Context<'_>) -> Res<Vec<Signatory>> {
        Ok(self.plan(ctx).await?.signatories.iter().cloned().map(Signatory).collect())
    }

    /// Whether each activity is done as promised, today.
    async fn compliance(&self, ctx: &Context<'_>) -> Res<Compliance> {
        let (db, actor) = caller(ctx)?;
        let plan = self.plan(ctx).await?;
        let counted = standing::standing(
            db,
            &self.view.model,
            &plan,
            Audience::Reader(actor),
            crate::domain::time::today(),
        )
        .await
        .gql()?;
        Ok(Compliance(counted))
    }

    /// The occasions reported, newest first; of one activity when given.
    #[graphql(complexity = "connection_cost(first, child_complexity)")]
    async fn occasions(
        &self, ctx: &Context<'_>, first: Option<i32>, after: Option<String>,
        activity_id: Option<ID>,
    ) -> Res<Connection<String, Occasion>> {
        let activity = opt_id("activityId", &activity_id).gql()?;
        let view = &self.view;
        listed(ctx, first, after, Occasion, async |db, actor, page| {
            occasions::of_promise(db, view, actor, activity, page).await
        })
        .await
    }

    /// What each partner says about each activity, for the follow-up.
    async fn narratives(&self, ctx: &Context<'_>) -> Res<Vec<Narrative>> {
        let (db, _) = caller(ctx)?;
        let rows = occasions::narratives(db, self.view.model.id).await.gql()?;
        Ok(rows.into_iter().map(Narrative).collect())
    }

    /// The follow-up report as CSV (UTF-8 with BOM; formulas neutralised).
    async fn report_csv(&self, ctx: &Context<'_>) -> Res<String> {
        let (db, actor) = caller(ctx)?;
        report::report_csv(db, actor, &self.view).await.gql()
    }
}

/// One promise's text, with the activities that carry it out.
pub struct Pledge {
    model: promise_pledge::Model,
    plan: Arc<Plan>,
}

#[Object]
impl Pledge {
    async fn id(&self) -> ID {
        id(self.model.id)
    }

    async fn text(&self) -> &str {
        &self.model.text
    }

    async fn activities(&self) -> Vec<Activity> {
        self.plan
            .activities
            .iter()
            .filter(|a| a.pledge_id == self.model.id)
            .map(|a| Activity { model: a.clone(), plan: self.plan.clone() })
            .collect()
    }
}

/// A row of the activity plan.
pub struct Activity {
    model: promise_activity::Model,
    plan: Arc<Plan>,
}

#[Object]
impl Activity {
    async fn id(&self) -> ID {
        id(self.model.id)
    }

    async fn pledge_id(&self) -> ID {
        id(self.model.pledge_id)
    }

    async fn text(&self) -> &str {
        &self.model.text
    }

    /// The organisations that answer for it; only their occasions count.
    async fn responsible_organisations(&self, ctx: &Context<'_>) -> Res<Vec<Organisation>> {
        organisations(ctx, self.plan.responsible_for(self.model.id)).await
    }

    /// A named unit that answers for it, such as the social services.
    async fn responsible_unit(&self) -> Option<&str> {
        self.model.responsible_unit.as_deref()
    }

    async fn period_from(&self) -> NaiveDate {
        self.model.period_from
    }

    async fn period_to(&self) -> NaiveDate {
        self.model.period_to
    }

    async fn follow_up_on(&self) -> NaiveDate {
        self.model.follow_up_on
    }

    /// Kept off the public page.
    async fn internal(&self) -> bool {
        self.model.internal
    }

    async fn scopes(&self) -> Vec<Scope> {
        self.plan.scopes_of(self.model.id).into_iter().cloned().map(Scope).collect()
    }
}

/// What an activity promises, in a form that can be counted.
pub struct Scope(activity_scope::Model);

object! {
    #[Object]
    impl Scope {
        id: ID,
        rule as ScopeRule,
        /// How many, for the rules that ask for a number.
        n: Option<i32>,
        /// The run of weeks, for `EVERY_WEEKS`.
        weeks: Option<i32>,
        /// The kind of area, for `PER_AREA`.
        async fn area_kind(&self) -> Option<AreaKind> {
            self.0.area_kind.map(Into::into)
        }
        source as ScopeSource,
    }
}

/// Someone who signed the promise.
pub struct Signatory(promise_signatory::Model);

object! {
    #[Object]
    impl Signatory {
        id: ID,
        name: &str,
        title: &str,
        organisation: Option<Organisation> = organisation_id,
        signed_on: NaiveDate,
    }
}

/// A promise's compliance on a day.
pub struct Compliance(PromiseStanding);

#[Object]
impl Compliance {
    /// The day counted for (Europe/Stockholm).
    async fn today(&self) -> NaiveDate {
        self.0.today
    }

    /// The promise as a whole: as its worst activity.
    async fn standing(&self) -> Standing {
        self.0.overall.into()
    }

    async fn activities(&self) -> Vec<ActivityCompliance> {
        self.0.activities.iter().cloned().map(ActivityCompliance).collect()
    }
}

/// One activity, counted.
pub struct ActivityCompliance(ActivityStanding);

#[Object]
impl ActivityCompliance {
    async fn activity_id(&self) -> ID {
        id(self.0.activity_id)
    }

    async fn standing(&self) -> Standing {
        self.0.standing.into()
    }

    /// Reported occasions that counted.
    async fn counted(&self) -> u32 {
        self.0.counted
    }

    /// Occasions reported by organisations the activity does not name: kept, not counted.
    async fn not_counted(&self) -> u32 {
        self.0.not_counted
    }

    async fn scopes(&self) -> Vec<ScopeCompliance> {
        self.0.scopes.iter().cloned().map(ScopeCompliance).collect()
    }
}

/// One scope, counted per area, place or run of weeks and year.
pub struct ScopeCompliance(ScopeStanding);

#[Object]
impl ScopeCompliance {
    async fn scope_id(&self) -> ID {
        id(self.0.scope.id)
    }

    async fn standing(&self) -> Standing {
        self.0.standing.into()
    }

    /// Done in all cells.
    async fn done(&self) -> u32 {
        self.0.cells.iter().map(|c| c.cell.done).sum()
    }

    /// Required in all cells; null when done as needed.
    async fn required(&self) -> Option<u32> {
        self.0.cells.iter().map(|c| c.cell.required).sum()
    }

    /// Cells missed or at risk.
    async fn behind(&self) -> u32 {
        let n = self.0.cells.iter().filter(|c| {
            matches!(c.state, CellState::Missed | CellState::Open { reachable: false })
        });
        u32::try_from(n.count()).unwrap_or(u32::MAX)
    }

    async fn cells(&self) -> Vec<ComplianceCell> {
        self.0.cells.iter().cloned().map(ComplianceCell).collect()
    }
}

/// One unit's count over one span (a year, or a run of weeks).
pub struct ComplianceCell(CellView);

#[Object]
impl ComplianceCell {
    async fn unit(&self) -> CellUnit {
        match self.0.cell.unit {
            Unit::Whole => CellUnit::Whole,
            Unit::Area(_) => CellUnit::Area,
            Unit::Place(_) => CellUnit::Place,
            Unit::Run(_) => CellUnit::Run,
        }
    }

    /// The area, for a cell per area.
    async fn area_id(&self) -> Option<ID> {
        match self.0.cell.unit {
            Unit::Area(a) => Some(id(a)),
            _ => None,
        }
    }

    /// The same for one unit in every year of this answer (an area, a place — named or
    /// not —, the whole municipality or a run), to line the years up by.
    async fn unit_key(&self) -> &str {
        &self.0.key
    }

    /// The area's name, or the place's to a reader who may see it; empty otherwise.
    async fn label(&self) -> &str {
        &self.0.label
    }

    async fn year(&self) -> i32 {
        self.0.cell.year
    }

    async fn from(&self) -> NaiveDate {
        self.0.cell.from
    }

    async fn to(&self) -> NaiveDate {
        self.0.cell.to
    }

    async fn done(&self) -> u32 {
        self.0.cell.done
    }

    /// Null when done as needed.
    async fn required(&self) -> Option<u32> {
        self.0.cell.required
    }

    async fn missing(&self) -> u32 {
        self.0.cell.missing()
    }

    async fn status(&self) -> CellStatus {
        self.0.state.into()
    }
}

/// An occasion a partner reported.
pub struct Occasion(OccasionView);

#[Object]
impl Occasion {
    async fn id(&self) -> ID {
        id(self.0.model.id)
    }

    async fn activity_id(&self) -> ID {
        id(self.0.model.activity_id)
    }

    /// The organisation that reported it.
    async fn organisation(&self, ctx: &Context<'_>) -> Res<Option<Organisation>> {
        related(ctx, Some(self.0.model.organisation_id)).await
    }

    async fn occurred_on(&self) -> NaiveDate {
        self.0.model.occurred_on
    }

    async fn area(&self) -> Option<Area> {
        self.0.area.clone().map(Area)
    }

    async fn people_reached(&self) -> Option<i32> {
        self.0.model.people_reached
    }

    async fn target_groups(&self) -> Res<Vec<TargetGroup>> {
        Ok(self.0.target_groups().gql()?.into_iter().map(Into::into).collect())
    }

    /// The organisations present.
    async fn present(&self, ctx: &Context<'_>) -> Res<Vec<Organisation>> {
        organisations(ctx, self.0.present().gql()?).await
    }

    async fn notes(&self) -> &str {
        &self.0.model.notes
    }

    /// The inputs a citizen dialogue produced.
    async fn input_ids(&self) -> Res<Vec<ID>> {
        Ok(self.0.input_ids().gql()?.into_iter().map(id).collect())
    }

    /// Whether it counts: reported by an organisation the activity names.
    async fn counted(&self) -> bool {
        self.0.counted
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.model.created_at
    }
}

/// A partner's narrative on an activity.
pub struct Narrative(promise_narrative::Model);

object! {
    #[Object]
    impl Narrative {
        activity_id: ID,
        organisation: Option<Organisation> = organisation_id,
        narrative: &str,
        next_steps: &str,
        /// Kept off the public page.
        internal: bool,
        updated_at: DateTime<Utc>,
    }
}

/// A published promise as anyone sees it: no notes, no people's names, no place names.
pub struct PublicPromise(public::PublicPromise);

/// A pledge on the public page.
#[derive(SimpleObject)]
pub struct PublicPledge {
    text: String,
    activities: Vec<PublicActivity>,
}

/// An activity on the public page.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct PublicActivity {
    id: ID,
    text: String,
    /// The organisations that answer for it, by name.
    responsible: Vec<String>,
    responsible_unit: Option<String>,
    period_from: NaiveDate,
    period_to: NaiveDate,
    follow_up_on: NaiveDate,
    #[graphql(skip)]
    scopes: Vec<activity_scope::Model>,
}

#[async_graphql::ComplexObject]
impl PublicActivity {
    async fn scopes(&self) -> Vec<Scope> {
        self.scopes.iter().cloned().map(Scope).collect()
    }
}

/// Who signed, by title and organisation.
#[derive(SimpleObject)]
pub struct PublicSignatory {
    title: String,
    organisation: String,
    signed_on: NaiveDate,
}

/// What a partner says on the public page.
#[derive(SimpleObject)]
pub struct PublicNarrative {
    activity_id: ID,
    organisation: String,
    narrative: String,
    next_steps: String,
}

#[Object]
impl PublicPromise {
    async fn id(&self) -> ID {
        id(self.0.promise.id)
    }

    async fn title(&self) -> &str {
        &self.0.promise.title
    }

    async fn municipality(&self) -> &str {
        self.0.names.get(&self.0.promise.municipality_id).map_or("", String::as_str)
    }

    async fn period_from(&self) -> NaiveDate {
        self.0.promise.period_from
    }

    async fn period_to(&self) -> NaiveDate {
        self.0.promise.period_to
    }

    async fn follow_up_on(&self) -> NaiveDate {
        self.0.promise.follow_up_on
    }

    async fn status(&self) -> PromiseStatus {
        self.0.promise.status.into()
    }

    async fn published_at(&self) -> Option<DateTime<Utc>> {
        self.0.promise.published_at
    }

    async fn pledges(&self) -> Vec<PublicPledge> {
        let plan = &self.0.plan;
        plan.pledges
            .iter()
            .map(|p| PublicPledge {
                text: p.text.clone(),
                activities: plan
                    .activities
                    .iter()
                    .filter(|a| a.pledge_id == p.id)
                    .map(|a| PublicActivity {
                        id: id(a.id),
                        text: a.text.clone(),
                        responsible: plan
                            .responsible_for(a.id)
                            .iter()
                            .filter_map(|o| self.0.names.get(o).cloned())
                            .collect(),
                        responsible_unit: a.responsible_unit.clone(),
                        period_from: a.period_from,
                        period_to: a.period_to,
                        follow_up_on: a.follow_up_on,
                        scopes: plan.scopes_of(a.id).into_iter().cloned().collect(),
                    })
                    .collect(),
            })
            .collect()
    }

    async fn signatories(&self) -> Vec<PublicSignatory> {
        self.0
            .plan
            .signatories
            .iter()
            .map(|s| PublicSignatory {
                title: s.title.clone(),
                organisation: self.0.names.get(&s.organisation_id).cloned().unwrap_or_default(),
                signed_on: s.signed_on,
            })
            .collect()
    }

    async fn compliance(&self) -> Compliance {
        Compliance(self.0.standing.clone())
    }

    async fn narratives(&self) -> Vec<PublicNarrative> {
        self.0
            .narratives
            .iter()
            .map(|n| PublicNarrative {
                activity_id: id(n.activity_id),
                organisation: self.0.names.get(&n.organisation_id).cloned().unwrap_or_default(),
                narrative: n.narrative.clone(),
                next_steps: n.next_steps.clone(),
            })
            .collect()
    }
}

/// A published promise in the public list.
#[derive(SimpleObject)]
pub struct PublishedPromise {
    id: ID,
    title: String,
    period_from: NaiveDate,
    period_to: NaiveDate,
}

/// A new area.
#[derive(InputObject)]
pub struct CreateAreaInput {
    pub municipality_id: ID,
    pub name: String,
    pub kind: AreaKind,
    /// A GeoJSON Polygon or MultiPolygon geometry, or a Feature holding one.
    pub boundary: Option<String>,
}

/// A new promise.
#[derive(InputObject)]
pub struct CreatePromiseInput {
    pub council_id: ID,
    pub municipality_id: ID,
    pub title: String,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub follow_up_on: NaiveDate,
    /// The promise's texts ("Polisen och kommunen lovar att …"), at least one.
    pub pledges: Vec<String>,
}

/// A draft's title, period and follow-up date.
#[derive(InputObject)]
pub struct UpdatePromiseInput {
    pub title: String,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub follow_up_on: NaiveDate,
}

/// A scope to count.
#[derive(InputObject)]
pub struct ScopeInput {
    pub rule: ScopeRule,
    pub n: Option<i32>,
    pub weeks: Option<i32>,
    pub area_kind: Option<AreaKind>,
    /// Defaults to place follow-ups for `PER_PLACE`, reported occasions otherwise.
    pub source: Option<ScopeSource>,
}

/// A new activity of a draft's plan.
#[derive(InputObject)]
pub struct AddActivityInput {
    pub promise_id: ID,
    pub pledge_id: ID,
    pub text: String,
    pub responsible_organisation_ids: Vec<ID>,
    pub responsible_unit: Option<String>,
    /// Defaults to the promise's period and follow-up date.
    pub period_from: Option<NaiveDate>,
    pub period_to: Option<NaiveDate>,
    pub follow_up_on: Option<NaiveDate>,
    #[graphql(default)]
    pub internal: bool,
    pub scopes: Vec<ScopeInput>,
}

/// A signatory.
#[derive(InputObject)]
pub struct AddSignatoryInput {
    pub promise_id: ID,
    pub name: String,
    pub title: String,
    pub organisation_id: ID,
    pub signed_on: NaiveDate,
}

/// An occasion to report.
#[derive(InputObject)]
pub struct ReportOccasionInput {
    pub activity_id: ID,
    /// The organisation you report for, when you sit for several.
    pub organisation_id: Option<ID>,
    pub occurred_on: NaiveDate,
    pub area_id: Option<ID>,
    pub people_reached: Option<i32>,
    #[graphql(default)]
    pub target_groups: Vec<TargetGroup>,
    /// The organisations present.
    #[graphql(default)]
    pub present_organisation_ids: Vec<ID>,
    pub notes: Option<String>,
    /// Inputs a citizen dialogue produced.
    #[graphql(default)]
    pub input_ids: Vec<ID>,
}

/// A partner's narrative on an activity.
#[derive(InputObject)]
pub struct ActivityNarrativeInput {
    pub activity_id: ID,
    pub organisation_id: Option<ID>,
    pub narrative: String,
    pub next_steps: String,
    #[graphql(default)]
    pub internal: bool,
}

/// Organisations by id, through the loader in one batch.
async fn organisations(ctx: &Context<'_>, ids: Vec<Uuid>) -> Res<Vec<Organisation>> {
    let found =
        futures_util::future::try_join_all(ids.into_iter().map(|o| related(ctx, Some(o)))).await?;
    Ok(found.into_iter().flatten().collect())
}

fn ids(field: &'static str, values: &[ID]) -> Res<Vec<Uuid>> {
    values.iter().map(|v| parse_id(field, v)).collect::<Result<_, _>>().gql()
}

// Areas of a municipality.
#[Object]
impl AreaQuery {
    /// A municipality's districts and outer areas, by name.
    #[graphql(complexity = "connection_cost(first, child_complexity)")]
    async fn areas(
        &self, ctx: &Context<'_>, municipality_id: ID, first: Option<i32>, after: Option<String>,
    ) -> Res<Connection<String, Area>> {
        let municipality = target_id("municipality", &municipality_id)?;
        listed(ctx, first, after, Area, async |db, actor, page| {
            areas::areas(db, actor, municipality, page).await
        })
        .await
    }
}

// Changing a municipality's areas.
#[Object]
impl AreaMutation {
    /// Adds an area (the municipality's own people, or an admin).
    async fn create_area(&self, ctx: &Context<'_>, input: CreateAreaInput) -> Res<Area> {
        let (db, actor) = caller(ctx)?;
        let cmd = NewArea {
            municipality_id: target_id("municipality", &input.municipality_id)?,
            name: input.name,
            kind: input.kind.into(),
            boundary: input.boundary,
        };
        areas::create_area(db, actor, cmd).await.map(Area).gql()
    }

    /// Imports areas from a GeoJSON FeatureCollection (properties `name` and `kind`); an
    /// area of the same name gets the new kind and boundary. All or nothing.
    async fn import_areas(
        &self, ctx: &Context<'_>, municipality_id: ID, geojson: String,
    ) -> Res<Vec<Area>> {
        let (db, actor, id) = target(ctx, "municipality", &municipality_id)?;
        let rows = areas::import_areas(db, actor, id, &geojson).await.gql()?;
        Ok(rows.into_iter().map(Area).collect())
    }
}

// Reading promises.
#[Object]
impl PromiseQuery {
    /// The promises of a partnership you may see, newest first.
    #[graphql(complexity = "connection_cost(first, child_complexity)")]
    async fn promises(
        &self, ctx: &Context<'_>, council_id: ID, first: Option<i32>, after: Option<String>,
    ) -> Res<Connection<String, Promise>> {
        let council = target_id("council", &council_id)?;
        listed(ctx, first, after, Promise::new, async |db, actor, page| {
            plan::of_council(db, actor, council, page).await
        })
        .await
    }

    /// One promise.
    async fn promise(&self, ctx: &Context<'_>, id: ID) -> Res<Promise> {
        by_id(ctx, "promise", &id, async |db, actor, id| plan::get(db, actor, id).await)
            .await
            .map(Promise::new)
    }

    /// A published promise, for anyone (no sign-in needed); NOT_FOUND otherwise.
    async fn public_promise(&self, ctx: &Context<'_>, id: ID) -> Res<PublicPromise> {
        let db = ctx.db().gql()?;
        let promise_id = target_id("promise", &id)?;
        let inner = public::public(db, promise_id).await.gql()?;
        Ok(PublicPromise(inner))
    }

    /// Published promises, newest first, for anyone.
    #[graphql(complexity = "connection_cost(first, child_complexity)")]
    async fn published_promises(
        &self, ctx: &Context<'_>, first: Option<i32>, after: Option<String>,
    ) -> Res<Connection<String, PublishedPromise>> {
        let db = ctx.db().gql()?;
        let page = super::page(first, after.as_deref())?;
        let rows = public::published_promises(db, &page).await.gql()?;
        Ok(connection(rows, |p| PublishedPromise {
            id: id(p.id),
            title: p.title,
            period_from: p.period_from,
            period_to: p.period_to,
        }))
    }
}

// Writing promises, their plans, occasions and narratives.
#[Object]
impl PromiseMutation {
    /// Drafts a promise of a partnership (its secretariat).
    async fn create_promise(&self, ctx: &Context<'_>, input: CreatePromiseInput) -> Res<Promise> {
        let (db, actor) = caller(ctx)?;
        let cmd = NewPromise {
            council_id: target_id("council", &input.council_id)?,
            municipality_id: target_id("municipality", &input.municipality_id)?,
            title: input.title,
            period_from: input.period_from,
            period_to: input.period_to,
            follow_up_on: input.follow_up_on,
            pledges: input.pledges,
        };
        let model = plan::create(db, actor, cmd).await.gql()?;
        plan::get(db, actor, model.id).await.map(Promise::new).gql()
    }

    /// Changes a draft's title, period and follow-up date (its secretariat).
    async fn update_promise(
        &self, ctx: &Context<'_>, id: ID, input: UpdatePromiseInput,
    ) -> Res<Promise> {
        let (db, actor, id) = target(ctx, "promise", &id)?;
        let model = plan::update(
            db,
            actor,
            id,
            &input.title,
            input.period_from,
            input.period_to,
            input.follow_up_on,
        )
        .await
        .gql()?;
        plan::get(db, actor, model.id).await.map(Promise::new).gql()
    }

    /// Adds a pledge to a draft (its secretariat).
    async fn add_pledge(&self, ctx: &Context<'_>, promise_id: ID, text: String) -> Res<Promise> {
        let (db, actor, id) = target(ctx, "promise", &promise_id)?;
        plan::add_pledge(db, actor, id, &text).await.gql()?;
        plan::get(db, actor, id).await.map(Promise::new).gql()
    }

    /// Adds an activity to a draft's plan (its secretariat).
    async fn add_activity(&self, ctx: &Context<'_>, input: AddActivityInput) -> Res<Promise> {
        let (db, actor) = caller(ctx)?;
        let promise_id = target_id("promise", &input.promise_id)?;
        let cmd = NewActivity {
            promise_id,
            pledge_id: target_id("pledge", &input.pledge_id)?,
            text: input.text,
            responsible: ids("responsibleOrganisationIds", &input.responsible_organisation_ids)?,
            responsible_unit: input.responsible_unit,
            period_from: input.period_from,
            period_to: input.period_to,
            follow_up_on: input.follow_up_on,
            internal: input.internal,
            scopes: input
                .scopes
                .iter()
                .map(|s| NewScope {
                    rule: s.rule.into(),
                    n: s.n,
                    weeks: s.weeks,
                    area_kind: s.area_kind.map(Into::into),
                    source: s.source.map(Into::into),
                })
                .collect(),
        };
        plan::add_activity(db, actor, cmd).await.gql()?;
        plan::get(db, actor, promise_id).await.map(Promise::new).gql()
    }

    /// Removes an activity from a draft's plan (its secretariat).
    async fn remove_activity(&self, ctx: &Context<'_>, id: ID) -> Res<Promise> {
        let (db, actor, id) = target(ctx, "activity", &id)?;
        let promise_id = plan::remove_activity(db, actor, id).await.gql()?;
        plan::get(db, actor, promise_id).await.map(Promise::new).gql()
    }

    /// Adds a signatory to a draft (its secretariat).
    async fn add_signatory(&self, ctx: &Context<'_>, input: AddSignatoryInput) -> Res<Promise> {
        let (db, actor) = caller(ctx)?;
        let promise_id = target_id("promise", &input.promise_id)?;
        let cmd = NewSignatory {
            promise_id,
            name: input.name,
            title: input.title,
            organisation_id: target_id("organisation", &input.organisation_id)?,
            signed_on: input.signed_on,
        };
        plan::add_signatory(db, actor, cmd).await.gql()?;
        plan::get(db, actor, promise_id).await.map(Promise::new).gql()
    }

    /// Moves a promise to its next status (its secretariat): draft → signed → in progress
    /// → followed up → closed.
    async fn set_promise_status(
        &self, ctx: &Context<'_>, id: ID, status: PromiseStatus,
    ) -> Res<Promise> {
        let (db, actor, id) = target(ctx, "promise", &id)?;
        plan::set_status(db, actor, id, status.into()).await.gql()?;
        plan::get(db, actor, id).await.map(Promise::new).gql()
    }

    /// Publishes a signed promise to citizens, or takes it down (its secretariat).
    async fn publish_promise(&self, ctx: &Context<'_>, id: ID, published: bool) -> Res<Promise> {
        let (db, actor, id) = target(ctx, "promise", &id)?;
        plan::set_published(db, actor, id, published).await.gql()?;
        plan::get(db, actor, id).await.map(Promise::new).gql()
    }

    /// Reports an occasion of an activity (a partner, for its own organisation).
    async fn report_occasion(
        &self, ctx: &Context<'_>, input: ReportOccasionInput,
    ) -> Res<Occasion> {
        let (db, actor) = caller(ctx)?;
        let cmd = NewOccasion {
            activity_id: target_id("activity", &input.activity_id)?,
            organisation_id: opt_id("organisationId", &input.organisation_id).gql()?,
            occurred_on: input.occurred_on,
            area_id: opt_id("areaId", &input.area_id).gql()?,
            people_reached: input.people_reached,
            target_groups: input.target_groups.into_iter().map(Into::into).collect(),
            present: ids("presentOrganisationIds", &input.present_organisation_ids)?,
            notes: input.notes,
            input_ids: ids("inputIds", &input.input_ids)?,
        };
        occasions::report(db, actor, cmd).await.map(Occasion).gql()
    }

    /// Writes your organisation's narrative on an activity, for the follow-up.
    async fn set_activity_narrative(
        &self, ctx: &Context<'_>, input: ActivityNarrativeInput,
    ) -> Res<Narrative> {
        let (db, actor) = caller(ctx)?;
        let cmd = NewNarrative {
            activity_id: target_id("activity", &input.activity_id)?,
            organisation_id: opt_id("organisationId", &input.organisation_id).gql()?,
            narrative: input.narrative,
            next_steps: input.next_steps,
            internal: input.internal,
        };
        occasions::set_narrative(db, actor, cmd).await.map(Narrative).gql()
    }
}

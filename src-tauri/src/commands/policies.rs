//! Reminder policies (barèmes de relance) in Settings.

use relance_app::AppError;
use relance_domain::ids::PolicyId;
use relance_domain::validation::{Field, Problem};
use relance_wire::policies::{scope, PoliciesView, PolicyForm};
use relance_wire::ErrorView;
use tauri::State;

use crate::core::Core;

/// Every policy with who follows it, the default and each profile's choice.
#[tauri::command]
pub fn policies_list(core: State<'_, Core>) -> Result<PoliciesView, ErrorView> {
    core.with(|ctx| relance_app::policies::list(ctx).map(|b| PoliciesView::from(&b)))
}

/// Creates a policy; returns its id.
#[tauri::command]
pub fn policy_create(core: State<'_, Core>, form: PolicyForm) -> Result<i64, ErrorView> {
    core.with(|ctx| relance_app::policies::create(ctx, &(&form).into()).map(|id| id.0))
}

#[tauri::command]
pub fn policy_update(core: State<'_, Core>, id: i64, form: PolicyForm) -> Result<(), ErrorView> {
    core.with(|ctx| relance_app::policies::update(ctx, PolicyId(id), &(&form).into()))
}

/// Deletes a policy nobody follows (refused otherwise, saying who does).
#[tauri::command]
pub fn policy_delete(core: State<'_, Core>, id: i64) -> Result<(), ErrorView> {
    core.with(|ctx| relance_app::policies::delete(ctx, PolicyId(id)))
}

/// Puts the standard policy's shipped levels back; returns its id.
#[tauri::command]
pub fn policy_restore_standard(core: State<'_, Core>) -> Result<i64, ErrorView> {
    core.with(|ctx| relance_app::policies::restore_standard(ctx).map(|id| id.0))
}

/// Chooses the policy of `scope` (`default` or a segment code); null makes a
/// segment follow the default.
#[tauri::command]
pub fn policy_assign(core: State<'_, Core>, scope: String, policy: Option<i64>) -> Result<(), ErrorView> {
    core.with(|ctx| {
        let segment = self::scope(&scope).ok_or_else(|| {
            AppError::invalid(
                Field::Segment,
                Problem::InvalidFormat { expected: "default | punctual | late | variable | at_risk" },
            )
        })?;
        relance_app::policies::assign(ctx, segment, policy.map(PolicyId))
    })
}

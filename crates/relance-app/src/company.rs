//! The company profile.

use relance_domain::company::{CompanyInput, CompanyProfile, Language};
use relance_store::activity::{self, ActivityKind, Subject};

use crate::{AppResult, Context};

/// The saved profile, or an unnamed one in `fallback_language` before the
/// first save.
pub fn get(ctx: &impl Context, fallback_language: Language) -> AppResult<CompanyProfile> {
    Ok(relance_store::company::get(ctx.store().conn())?.unwrap_or_else(|| CompanyProfile::unnamed(fallback_language)))
}

pub fn save(ctx: &mut impl Context, input: &CompanyInput) -> AppResult<CompanyProfile> {
    let profile = input.validate()?;
    let now = ctx.clock().now();
    ctx.store_mut().write(|tx| {
        relance_store::company::save(tx, &profile, now)?;
        activity::record(tx, now, ActivityKind::CompanySaved, Subject::default(), &[("name", profile.name.clone())])?;
        AppResult::Ok(())
    })?;
    Ok(profile)
}

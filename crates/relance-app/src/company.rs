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

/// The company's logo as kept (the file as chosen), if any.
pub fn logo(ctx: &impl Context) -> AppResult<Option<relance_store::company_logo::StoredLogo>> {
    Ok(relance_store::company_logo::get(ctx.store().conn())?)
}

/// The logo ready for the letterhead; a kept file that no longer reads as an image is left out (the
/// letters still print) rather than stopping every document.
pub fn letter_logo(ctx: &impl Context) -> AppResult<Option<std::sync::Arc<relance_letters::Logo>>> {
    Ok(logo(ctx)?.and_then(|l| relance_letters::Logo::check(&l.bytes).ok()).map(std::sync::Arc::new))
}

/// Checks `bytes` as the company's logo (PNG or JPEG that decodes, at most 1 MB, 16 to 4000 pixels a side)
/// and keeps it, replacing the one before; a bad file is refused on the field `logo` and nothing is written.
pub fn set_logo(ctx: &mut impl Context, bytes: &[u8]) -> AppResult<relance_store::company_logo::StoredLogo> {
    use relance_domain::validation::{Field, Problem};
    use relance_letters::logo::{LogoProblem, MAX_BYTES, MAX_SIDE, MIN_SIDE};
    let checked = relance_letters::Logo::check(bytes).map_err(|p| {
        let problem = match p {
            LogoProblem::Empty | LogoProblem::NotAnImage => Problem::NotAnImage,
            LogoProblem::TooLarge => Problem::FileTooLarge { max_kb: u32::try_from(MAX_BYTES / 1024).unwrap_or(1024) },
            LogoProblem::Dimensions => Problem::ImageSize { min: MIN_SIDE, max: MAX_SIDE },
        };
        crate::AppError::invalid(Field::Logo, problem)
    })?;
    let stored = relance_store::company_logo::StoredLogo {
        media_type: checked.format.media_type().to_string(),
        bytes: checked.bytes,
        width: checked.width,
        height: checked.height,
    };
    let now = ctx.clock().now();
    ctx.store_mut().write(|tx| {
        relance_store::company_logo::set(tx, &stored, now)?;
        let details = [
            ("logo", "set".to_string()),
            ("media_type", stored.media_type.clone()),
            ("size", format!("{}x{}", stored.width, stored.height)),
        ];
        activity::record(tx, now, ActivityKind::CompanySaved, Subject::default(), &details)?;
        AppResult::Ok(())
    })?;
    Ok(stored)
}

/// Removes the logo (the documents print without one); false when there was none.
pub fn remove_logo(ctx: &mut impl Context) -> AppResult<bool> {
    let now = ctx.clock().now();
    ctx.store_mut().write(|tx| {
        let removed = relance_store::company_logo::remove(tx)?;
        if removed {
            activity::record(tx, now, ActivityKind::CompanySaved, Subject::default(), &[("logo", "removed".into())])?;
        }
        AppResult::Ok(removed)
    })
}

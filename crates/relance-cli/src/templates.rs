//! `relance template show|set|reset`: the texts of the letters (the same use cases as Settings,
//! « Textes des lettres »). `set` changes one part of one letter in one language, checked like in the
//! app; the legal mentions of the mise en demeure are not templates.

use clap::{Args, Subcommand};
use relance_app::letter_templates::{self, LetterTemplate};
use relance_app::AppError;
use relance_domain::company::Language;
use relance_domain::letter_templates::TemplatePart;
use relance_domain::validation::{Field, Problem};
use relance_wire::letter_templates::{key, LetterTemplateView};
use relance_wire::messages::field_label;

use crate::args::Cli;
use crate::human::{print, tr};
use crate::session;

#[derive(Debug, Subcommand)]
pub enum TemplateAction {
    /// Print a letter's texts: each part, and whether it is the original wording.
    Show(TemplateKey),
    /// Change one part of a letter's texts (checked: known placeholders, balanced braces, length).
    Set(TemplateSetArgs),
    /// Put the original wording back (every part of the letter in that language).
    Reset(TemplateKey),
}

#[derive(Debug, Args)]
pub struct TemplateKey {
    /// pre_due | friendly | firm | notice
    #[arg(long, value_name = "KIND")]
    pub kind: String,
    /// fr | en
    #[arg(long, value_name = "LANG", default_value = "fr")]
    pub lang: String,
}

#[derive(Debug, Args)]
pub struct TemplateSetArgs {
    #[command(flatten)]
    pub key: TemplateKey,
    /// title | before | before_one | after | closing
    #[arg(long, value_name = "PART")]
    pub part: String,
    /// The new text; placeholders such as {customer_name} or {total_due} are filled when printing.
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub text: String,
}

pub fn run(cli: &Cli, action: &TemplateAction, lang: Language) -> anyhow::Result<()> {
    match action {
        TemplateAction::Show(k) => {
            let (kind, l) = key(&k.kind, &k.lang)?;
            let ctx = session::open(cli, lang)?;
            show(cli, &letter_templates::get(&ctx, kind, l)?, lang)
        }
        TemplateAction::Set(a) => {
            let (kind, l) = key(&a.key.kind, &a.key.lang)?;
            let part = TemplatePart::from_code(&a.part).filter(|p| kind.parts().contains(p)).ok_or_else(|| {
                AppError::invalid(
                    Field::TemplateLetter,
                    Problem::InvalidFormat { expected: "title | before | before_one | after | closing" },
                )
            })?;
            let mut ctx = session::open(cli, lang)?;
            let current = letter_templates::get(&ctx, kind, l)?;
            let parts: Vec<(TemplatePart, String)> = current
                .parts
                .iter()
                .map(|p| (p.part, if p.part == part { a.text.clone() } else { p.text.clone() }))
                .collect();
            let saved = letter_templates::save(&mut ctx, kind, l, &parts)?;
            show(cli, &saved, lang)
        }
        TemplateAction::Reset(k) => {
            let (kind, l) = key(&k.kind, &k.lang)?;
            let mut ctx = session::open(cli, lang)?;
            show(cli, &letter_templates::reset(&mut ctx, kind, l)?, lang)
        }
    }
}

fn show(cli: &Cli, t: &LetterTemplate, lang: Language) -> anyhow::Result<()> {
    if cli.json {
        return crate::commands::print_json(&serde_json::to_value(LetterTemplateView::from(t))?);
    }
    let mut out = Vec::new();
    for p in &t.parts {
        let label = field_label(p.part.field(), lang);
        let state =
            if p.is_default { tr(lang, "texte d’origine", "original text") } else { tr(lang, "modifié", "edited") };
        out.push(format!("{label} ({state}) :\n  {}", if p.text.is_empty() { "—" } else { p.text.as_str() }));
    }
    print(&out.join("\n"));
    Ok(())
}

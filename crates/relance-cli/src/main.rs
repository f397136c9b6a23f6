//! `relance`: the command line over Relance's use cases, a front end like
//! the desktop shell. Each command reads its arguments, calls one use case
//! and prints the result for people, or as JSON with `--json`.

mod args;
mod backup;
mod bench;
mod collections;
mod commands;
mod documents;
mod export;
mod fail;
mod human;
mod import;
mod letters;
mod mail;
mod plans;
mod report;
mod session;
mod templates;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let lang = human::language_from_env();
    let cli = match args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return fail::usage(&e, lang),
    };
    match commands::run(&cli, lang) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail::report(&e, lang, cli.json),
    }
}

"""Command-line tools: `flask --app screening questions | load-answers | flags | rules`."""

import json
from datetime import date

import click
from flask import Flask
from flask.cli import with_appcontext

from . import intakes, reports
from .questionnaire import dictionary
from .questionnaire.answers import AnswerError, check_answers
from .rules import CATALOGUE, CATALOGUE_VERSION, evaluate


@click.command("questions")
@click.option("--format", "output", type=click.Choice(["markdown", "json"]), default="markdown",
              help="Markdown table for people, JSON for tools.")
def questions_command(output: str) -> None:
    """Print the data dictionary: every question's id, section, label, type and options."""
    click.echo(dictionary.as_markdown() if output == "markdown" else dictionary.as_json())


@click.command("load-answers")
@with_appcontext
@click.argument("file", type=click.File("r", encoding="utf-8"))
def load_answers_command(file) -> None:
    """Store a submitted intake from an answers file (a JSON object keyed by question id)."""
    intake = intakes.store_submitted(read_answers(file, complete=True, consequence=" Nothing was stored."))
    reports.store_quietly(intake)
    click.echo("Stored 1 submitted intake.")


@click.command("flags")
@click.argument("file", type=click.File("r", encoding="utf-8"))
def flags_command(file) -> None:
    """Print the flags an answers file raises, as JSON (id, level, title, evidence, reason, source)."""
    answers = read_answers(file, complete=False)
    flags = [flag.as_dict() for flag in evaluate(answers, date.today())]
    click.echo(json.dumps({"catalogue_version": CATALOGUE_VERSION, "flags": flags}, indent=2, ensure_ascii=False))


@click.command("rules")
def rules_command() -> None:
    """Print the rule catalogue as a table, for a clinic's medical director to review."""
    click.echo(f"Rule catalogue {CATALOGUE_VERSION}: topics to discuss; no rule makes a treatment decision.\n")
    click.echo("| id | level | title | why it matters | sources |\n|---|---|---|---|---|")
    for rule in CATALOGUE:
        click.echo(f"| {rule.id} | {rule.level} | {rule.title} | {rule.reason} | {', '.join(rule.sources)} |")


def read_answers(file, complete: bool, consequence: str = "") -> dict:
    try:
        return check_answers(json.load(file), today=date.today(), complete=complete)
    except json.JSONDecodeError as error:
        raise click.ClickException(f"{file.name} is not valid JSON: {error}.{consequence}") from None
    except AnswerError as error:
        raise click.ClickException(f"{file.name}: {error}.{consequence}") from None


def register(app: Flask) -> None:
    app.cli.add_command(questions_command)
    app.cli.add_command(load_answers_command)
    app.cli.add_command(flags_command)
    app.cli.add_command(rules_command)

"""Command-line tools: `flask --app screening questions` and `flask --app screening load-answers`."""

import json
from datetime import date

import click
from flask import Flask

from . import intakes
from .questionnaire import dictionary
from .questionnaire.answers import AnswerError, check_answers


@click.command("questions")
@click.option("--format", "output", type=click.Choice(["markdown", "json"]), default="markdown",
              help="Markdown table for people, JSON for tools.")
def questions_command(output: str) -> None:
    """Print the data dictionary: every question's id, section, label, type and options."""
    click.echo(dictionary.as_markdown() if output == "markdown" else dictionary.as_json())


@click.command("load-answers")
@click.argument("file", type=click.File("r", encoding="utf-8"))
def load_answers_command(file) -> None:
    """Store a submitted intake from an answers file (a JSON object keyed by question id)."""
    try:
        answers = check_answers(json.load(file), today=date.today())
    except json.JSONDecodeError as error:
        raise click.ClickException(f"{file.name} is not valid JSON: {error}") from None
    except AnswerError as error:
        raise click.ClickException(f"{file.name}: {error}. Nothing was stored.") from None
    intakes.store_submitted(answers)
    click.echo("Stored 1 submitted intake.")


def register(app: Flask) -> None:
    app.cli.add_command(questions_command)
    app.cli.add_command(load_answers_command)

"""Thin command line over the library: parse flags, call one library function, format the output.
Data goes to stdout (or -o PATH, written atomically); progress, warnings and errors go to stderr."""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from summarizer.errors import EXIT_CODES, OutputError, SummarizerError

app = typer.Typer(
    add_completion=False, no_args_is_help=True, rich_markup_mode=None,
    help="Turn news articles into checkable claims and neutral briefs.\n\n"
         "Usage: summarize ARTICLE [--brief | --claims] [OPTIONS]   (the same as `summarize run ARTICLE ...`)\n\n"
         "Exit codes: " + "; ".join(f"{k} {v}" for k, v in EXIT_CODES.items()),
)
cache_app = typer.Typer(help="Inspect or clear the answer cache.", no_args_is_help=True)
models_app = typer.Typer(help="List the local models, or assemble one ahead of time.", invoke_without_command=True)
app.add_typer(cache_app, name="cache")
app.add_typer(models_app, name="models")
SUBCOMMANDS = {"run", "cache", "models", "bench", "schema", "eval"}
log = logging.getLogger("summarizer")


class Format(str, Enum):
    markdown = "markdown"
    json = "json"
    html = "html"


class JsonModeOpt(str, Enum):
    auto = "auto"
    json_schema = "json_schema"
    json_object = "json_object"
    tools = "tools"


class State:
    debug = False


def _err(message: str) -> None:
    typer.echo(f"Error: {message}", err=True)


def _setup_logging(debug: bool, quiet: bool = False) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    log.handlers[:] = [handler]
    log.setLevel(logging.DEBUG if debug else logging.ERROR if quiet else logging.WARNING)
    log.propagate = False


def write_atomic(path: Path, text: str) -> None:
    """Write text to path via a temporary file in the same folder, so no half-written file is left."""
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"-o {path}: is a directory")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent if str(path.parent) else ".")
    except OSError as exc:
        raise OutputError(f"-o {path}: cannot write there ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class _Progress:
    """One updating line on a terminal, plain lines otherwise; silent with --quiet."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.tty = sys.stderr.isatty()

    def __call__(self, stage: str, n: int, total: int) -> None:
        if self.quiet:
            return
        width = 20
        bar = "#" * (width * n // max(total, 1))
        line = f"{stage:7} [{bar:<{width}}] {n}/{total}"
        if self.tty:
            sys.stderr.write("\r" + line + ("\n" if n >= total and stage == "brief" else ""))
        elif n == total:
            sys.stderr.write(line + "\n")
        sys.stderr.flush()


ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm")


def expand_articles(args: list[str]) -> list[str]:
    """Paths as given; a directory stands for its article files (.txt, .md, .html ...), a quoted glob for
    its matches; '-' is stdin. Order is kept (the collection orders by publication date later)."""
    import glob

    from summarizer.errors import InputError

    out: list[str] = []
    for arg in args:
        p = Path(arg)
        if arg != "-" and p.is_dir():
            found = sorted(str(f) for f in p.iterdir() if f.is_file() and f.suffix.lower() in ARTICLE_SUFFIXES)
            if not found:
                raise InputError(f"{arg}: is a directory with no article files ({', '.join(ARTICLE_SUFFIXES)})")
            out += found
        elif any(ch in arg for ch in "*?[") and not p.exists():
            matches = sorted(glob.glob(arg))
            if not matches:
                raise InputError(f"{arg}: no file matches")
            out += matches
        else:
            out.append(arg)
    return list(dict.fromkeys(out))


@app.command("run", help="Extract claims from ARTICLE(s) and write a brief; several articles (files, a directory, "
                         "a glob) get one brief across them, with a timeline of figures and what changed.")
def run(
    articles: Annotated[list[str], typer.Argument(help="Article(s): text files (UTF-8, UTF-16 with BOM or Latin-1), "
                                                       "saved HTML pages, directories of them, globs, or - for stdin.")],
    brief: Annotated[bool, typer.Option("--brief/--claims", help="Write a brief (default) or only the claims.")] = True,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="markdown for people, json for machines, html for a "
                                        "self-contained review page.")] = Format.markdown,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here (atomically) instead of stdout.")] = None,
    model: Annotated[Optional[str], typer.Option("--model", "-m", help="local/NAME, local/PATH.gguf, openai/NAME or fake. "
                                                 "Env SUMMARIZER_MODEL; default local/qwen2.5-coder-1.5b.")] = None,
    base_url: Annotated[Optional[str], typer.Option("--base-url", help="OpenAI-compatible endpoint. Env OPENAI_BASE_URL.")] = None,
    json_mode: Annotated[Optional[JsonModeOpt], typer.Option("--json-mode", help="How the openai backend asks for JSON "
                                                             "(auto detects). Env SUMMARIZER_JSON_MODE.")] = None,
    cache_dir: Annotated[Optional[Path], typer.Option("--cache-dir", help="Env SUMMARIZER_CACHE_DIR; default ~/.cache/summarizer.")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the answer cache.")] = False,
    refresh: Annotated[bool, typer.Option("--refresh", help="Ask the model again and overwrite cached answers.")] = False,
    max_chars: Annotated[Optional[int], typer.Option("--max-chars", help="Refuse articles longer than this many "
                                                     "characters. Env SUMMARIZER_MAX_CHARS; default 200000.")] = None,
    token_budget: Annotated[Optional[int], typer.Option("--token-budget", help="Stop (exit 6) once the run has spent "
                                                        "this many prompt + completion tokens. Env "
                                                        "SUMMARIZER_TOKEN_BUDGET; default no limit.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress output.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks and debug logs.")] = False,
) -> None:
    from summarizer.config import resolve_settings
    from summarizer.pipeline import summarize
    from summarizer.render.markdown import render

    State.debug = debug
    _setup_logging(debug, quiet)
    settings = resolve_settings({"model": model, "base_url": base_url, "json_mode": json_mode.value if json_mode else None,
                                 "cache_dir": cache_dir, "use_cache": False if no_cache else None,
                                 "refresh": refresh or None, "max_chars": max_chars,
                                 "token_budget": token_budget})
    paths = expand_articles(articles)
    if len(paths) == 1:
        result = summarize(paths[0], settings, with_brief=brief, progress=_Progress(quiet))
    else:
        from summarizer.pipeline import summarize_many

        result = summarize_many(paths, settings, with_brief=brief, progress=_Progress(quiet))
    text = render(result, fmt.value, brief)
    for w in result.warnings:
        log.warning("%s: %s", w.stage, w.message)
    if output:
        write_atomic(output, text)
    else:
        sys.stdout.write(text)


@cache_app.command("info", help="Show the cache path, number of entries and size.")
def cache_info_cmd(cache_dir: Annotated[Optional[Path], typer.Option("--cache-dir")] = None) -> None:
    from summarizer.structured.cache import cache_info
    from summarizer.config import resolve_settings

    info = cache_info(resolve_settings({"cache_dir": cache_dir}).cache_dir)
    typer.echo(f"path:    {info['path']}\nentries: {info['entries']}\nsize:    {info['bytes'] / 1e6:.1f} MB")


@cache_app.command("clear", help="Remove every cached answer (assembled model files are kept).")
def cache_clear_cmd(cache_dir: Annotated[Optional[Path], typer.Option("--cache-dir")] = None) -> None:
    from summarizer.structured.cache import cache_clear
    from summarizer.config import resolve_settings

    removed = cache_clear(resolve_settings({"cache_dir": cache_dir}).cache_dir)
    typer.echo(f"removed {removed} cached answers")


@models_app.callback()
def models_list(ctx: typer.Context,
                cache_dir: Annotated[Optional[Path], typer.Option("--cache-dir")] = None) -> None:
    if ctx.invoked_subcommand:
        return
    from summarizer.config import resolve_settings
    from summarizer.backends.modelstore import list_models

    rows = list_models(resolve_settings({"cache_dir": cache_dir}).cache_dir)
    typer.echo(f"{'model':30} {'size':>9}  {'status':13} path")
    for r in rows:
        typer.echo(f"{r['name']:30} {r['size'] / 1e6:7.0f}MB  {r['status']:13} {r['path'] or r['install']}")


@models_app.command("pull", help="Assemble and verify a local model now instead of on first use.")
def models_pull(name: str, cache_dir: Annotated[Optional[Path], typer.Option("--cache-dir")] = None) -> None:
    from summarizer.config import resolve_settings
    from summarizer.backends.modelstore import ensure_model

    path = ensure_model(name.removeprefix("local/"), resolve_settings({"cache_dir": cache_dir}).cache_dir)
    typer.echo(str(path))


@app.command("bench", help="Measure decoding speed (free, llguidance, llama.cpp grammar), cold and warm runs "
                           "and peak memory; prints JSON.")
def bench_cmd(
    model: Annotated[Optional[str], typer.Option("--model", "-m")] = None,
    articles: Annotated[Optional[list[Path]], typer.Option("--article", help="Articles for the cold/warm runs.")] = None,
    tokens: Annotated[int, typer.Option(help="Tokens generated in the free and llguidance decoding runs.")] = 64,
    grammar_tokens: Annotated[Optional[int], typer.Option(help="Tokens for the llama.cpp grammar run "
                                                          "(default: --tokens).")] = None,
    skip_grammar: Annotated[bool, typer.Option(help="Skip the llama.cpp grammar measurement.")] = False,
) -> None:
    from summarizer.evaluation.bench import run_bench

    _setup_logging(False)
    sys.stdout.write(run_bench(model=model, articles=articles, tokens=tokens, skip_grammar=skip_grammar,
                               grammar_tokens=grammar_tokens) + "\n")


@app.command("eval", help="Run the pipeline on every gold fixture, score it, write reports, and exit non-zero "
                          "when a metric falls below eval/thresholds.toml or regresses against the baseline.")
def eval_cmd(
    model: Annotated[Optional[str], typer.Option("--model", "-m")] = None,
    repeat: Annotated[int, typer.Option("--repeat", min=1, help="Runs per article; a metric fails when it fails "
                                        "in more than half of them.")] = 1,
    baseline: Annotated[Path, typer.Option("--baseline", help="Metrics to compare with.")] = Path("eval/baseline.json"),
    report_dir: Annotated[Path, typer.Option("--report-dir")] = Path("eval/reports"),
    update_baseline: Annotated[bool, typer.Option("--update-baseline", help="Write this run's overall metrics "
                                                  "as the new baseline.")] = False,
    cache_dir: Annotated[Optional[Path], typer.Option("--cache-dir")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
) -> None:
    import json

    from summarizer.config import resolve_settings
    from summarizer.errors import EvalFailed
    from summarizer.evaluation.runner import check, overall_means, run_eval, table, write_reports

    _setup_logging(False, quiet=True)
    settings = resolve_settings({"model": model, "cache_dir": cache_dir, "use_cache": False if no_cache else None})
    report = run_eval(settings, repeat=repeat, progress=_Progress(quiet))
    base = json.loads(baseline.read_text()) if baseline.exists() and not update_baseline else None
    check(report, baseline=base)
    for path in write_reports(report, report_dir):
        typer.echo(f"wrote {path}", err=True)
    sys.stdout.write(table(report) + "\n")
    if update_baseline:
        write_atomic(baseline, json.dumps(overall_means(report), indent=2) + "\n")
        typer.echo(f"baseline written to {baseline}", err=True)
    if report.failures:
        raise EvalFailed("evaluation failed: " + "; ".join(report.failures))


@app.command("schema", help="Write the JSON Schema of the public models to DIR (default: schemas/).")
def schema_cmd(directory: Annotated[Path, typer.Argument()] = Path("schemas")) -> None:
    from summarizer.render.schemas import write_schemas

    for path in write_schemas(directory):
        typer.echo(str(path))


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] not in SUBCOMMANDS and argv[0] not in {"--help", "-h"}:
        argv.insert(0, "run")
    try:
        app(args=argv, prog_name="summarize", standalone_mode=False)
    except SummarizerError as exc:
        if State.debug:
            raise
        _err(str(exc))
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        _err("interrupted")
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as exc:  # click usage errors and the unexpected
        import click

        if isinstance(exc, click.exceptions.Abort):
            _err("aborted")
            sys.exit(130)
        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(2)
        if State.debug:
            raise
        _err(f"internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)")
        sys.exit(1)
    sys.exit(0)

"""Thin command line over the library: parse flags, call one library function, format the output.
Data goes to stdout (or -o PATH, written atomically); progress, warnings and errors go to stderr."""

from __future__ import annotations

import logging
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from summarizer.config import JSON_MODES, STRATEGIES
from summarizer.errors import EXIT_CODES, SummarizerError

app = typer.Typer(
    add_completion=False, no_args_is_help=True, rich_markup_mode=None, pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Turn news articles into checkable claims and neutral briefs.\n\n"
         "Usage: summarize ARTICLE [--brief | --claims] [OPTIONS]   (the same as `summarize run ARTICLE ...`)\n\n"
         "Exit codes: " + "; ".join(f"{k} {v}" for k, v in EXIT_CODES.items()),
)
cache_app = typer.Typer(help="Inspect or clear the answer cache.", no_args_is_help=True)
models_app = typer.Typer(help="List the local models, or assemble one ahead of time.", invoke_without_command=True)
app.add_typer(cache_app, name="cache")
app.add_typer(models_app, name="models")
SUBCOMMANDS = {"run", "batch", "cache", "models", "bench", "schema", "eval"}
log = logging.getLogger("summarizer")

Format = Enum("Format", {f: f for f in ("markdown", "json", "html")}, type=str)
JsonMode = Enum("JsonMode", {m: m for m in JSON_MODES}, type=str)
Engine = Enum("Engine", {e: e for e in ("local", "ray")}, type=str)

# Options shared by several commands, declared once.
ModelOpt = Annotated[Optional[str], typer.Option(
    "--model", "-m", help="local/NAME, local/PATH.gguf, openai/NAME or fake. Env SUMMARIZER_MODEL; "
                          "default local/qwen2.5-coder-1.5b.")]
BaseUrlOpt = Annotated[Optional[str], typer.Option("--base-url", help="OpenAI-compatible endpoint. Env OPENAI_BASE_URL.")]
JsonModeOpt = Annotated[Optional[JsonMode], typer.Option(
    "--json-mode", help="How the openai backend asks for JSON (auto detects). Env SUMMARIZER_JSON_MODE.")]
CacheDirOpt = Annotated[Optional[Path], typer.Option(
    "--cache-dir", help="Answer cache and assembled models. Env SUMMARIZER_CACHE_DIR; default ~/.cache/summarizer.")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the answer cache.")]
RefreshOpt = Annotated[bool, typer.Option("--refresh", help="Ask the model again and overwrite cached answers.")]
TokenBudgetOpt = Annotated[Optional[int], typer.Option(
    "--token-budget", help="Stop (exit 6) once the run has spent this many prompt + completion tokens. "
                           "Env SUMMARIZER_TOKEN_BUDGET; default no limit.")]
ConcurrencyOpt = Annotated[Optional[int], typer.Option(
    "--concurrency", "-j", min=1, help="Model calls in flight: an article's tasks decoded side by side (local) or sent "
                                       "at once (endpoint); in `batch`, also articles in flight. Env "
                                       "SUMMARIZER_CONCURRENCY; default 8 (the local model: 12 side by side).")]
Strategy = Enum("Strategy", {x: x for x in STRATEGIES}, type=str)
StrategyOpt = Annotated[Optional[Strategy], typer.Option(
    "--strategy", help="What one extraction task covers: a sentence (default; suits small models), a window of "
                       "sentences, or a whole part (fewest prompt tokens, for large remote models). Env "
                       "SUMMARIZER_STRATEGY.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress output.")]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks and debug logs.")]


class State:
    debug = False


def _setup_logging(debug: bool, quiet: bool = False) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    log.handlers[:] = [handler]
    log.setLevel(logging.DEBUG if debug else logging.ERROR if quiet else logging.WARNING)
    log.propagate = False


def _settings(**flags):
    """Settings from the flags given (None: not given), the environment and the defaults."""
    from summarizer.config import resolve_settings

    flags = {k: (v.value if isinstance(v, Enum) else v) for k, v in flags.items()}
    flags["use_cache"] = False if flags.pop("no_cache", False) else None
    flags["refresh"] = flags.get("refresh") or None
    return resolve_settings(flags)


def _emit(text: str, output: Path | None) -> None:
    if output:
        from summarizer.render.output import write_atomic

        write_atomic(output, text)
    else:
        sys.stdout.write(text)


@app.command("run", help="Extract claims from ARTICLE(s) and write a brief; several articles (files, a directory, "
                         "a glob) get one brief across them, with a timeline of figures and what changed.")
def run(
    articles: Annotated[list[str], typer.Argument(help="Article(s): text files (UTF-8, UTF-16 with BOM or Latin-1), "
                                                       "saved HTML pages, directories of them, globs, or - for stdin.")],
    brief: Annotated[bool, typer.Option("--brief/--claims", help="Write a brief (default) or only the claims.")] = True,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="markdown for people, json for machines, html for a "
                                        "self-contained review page.")] = Format.markdown,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here (atomically) instead of stdout.")] = None,
    model: ModelOpt = None, base_url: BaseUrlOpt = None, json_mode: JsonModeOpt = None, cache_dir: CacheDirOpt = None,
    no_cache: NoCacheOpt = False, refresh: RefreshOpt = False,
    max_chars: Annotated[Optional[int], typer.Option("--max-chars", help="Refuse articles longer than this many "
                                                     "characters. Env SUMMARIZER_MAX_CHARS; default 200000.")] = None,
    token_budget: TokenBudgetOpt = None, concurrency: ConcurrencyOpt = None, strategy: StrategyOpt = None,
    quiet: QuietOpt = False, debug: DebugOpt = False,
) -> None:
    from summarizer.ingest.read import expand_articles
    from summarizer.pipeline import summarize, summarize_many
    from summarizer.render import render
    from summarizer.render.progress import StageProgress

    State.debug = debug
    _setup_logging(debug, quiet)
    settings = _settings(model=model, base_url=base_url, json_mode=json_mode, cache_dir=cache_dir, no_cache=no_cache,
                         refresh=refresh, max_chars=max_chars, token_budget=token_budget, concurrency=concurrency,
                         strategy=strategy)
    paths = expand_articles(articles)
    with StageProgress(quiet) as progress:
        if len(paths) == 1:
            result = summarize(paths[0], settings, with_brief=brief, progress=progress)
        else:
            result = summarize_many(paths, settings, with_brief=brief, progress=progress)
    text = render(result, fmt.value, brief)
    for w in result.warnings:
        log.warning("%s: %s", w.stage, w.message)
    _emit(text, output)


@app.command("batch", help="Summarize every article of INPUT... into one JSONL file, one line per article as it "
                           "finishes. A re-run skips the articles already done and retries the failed ones. Exit 10 "
                           "when some articles failed (their error lines say why).")
def batch(
    inputs: Annotated[list[str], typer.Argument(metavar="INPUT", help="Article files, directories, quoted globs, "
                                                "JSONL files of articles ({\"id\", \"text\", \"date\"?, "
                                                "\"source\"?} per line), or - for JSONL on stdin.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The JSONL file to write (appended to; "
                                         "FILE.lock beside it keeps a second batch out).")],
    brief: Annotated[bool, typer.Option("--brief/--claims", help="A brief per article, or claims only.")] = True,
    model: ModelOpt = None, base_url: BaseUrlOpt = None, json_mode: JsonModeOpt = None, cache_dir: CacheDirOpt = None,
    no_cache: NoCacheOpt = False, refresh: RefreshOpt = False, token_budget: TokenBudgetOpt = None,
    concurrency: ConcurrencyOpt = None, strategy: StrategyOpt = None,
    engine: Annotated[Engine, typer.Option("--engine", help="local: threads in this process; ray: Ray Data "
                                           "(pip install -e '.[ray]').")] = Engine.local,
    ray_address: Annotated[Optional[str], typer.Option("--ray-address", help="Ray cluster to attach to (env "
                                                       "RAY_ADDRESS); default: start a local Ray.")] = None,
    quiet: QuietOpt = False, debug: DebugOpt = False,
) -> None:
    from summarizer.corpus import run_batch
    from summarizer.errors import BatchFailed
    from summarizer.render.progress import BatchProgress

    State.debug = debug
    _setup_logging(debug, quiet)
    settings = _settings(model=model, base_url=base_url, json_mode=json_mode, cache_dir=cache_dir, no_cache=no_cache,
                         refresh=refresh, token_budget=token_budget, concurrency=concurrency,
                         strategy=strategy)
    summary = run_batch(inputs, output, settings, with_brief=brief, engine=engine.value, ray_address=ray_address,
                        progress=BatchProgress(quiet))
    if summary.errors:
        raise BatchFailed(f"{summary.errors} of {summary.ok + summary.errors} articles failed; their error lines are "
                          f"in {output}, and running the same command again retries them")


@cache_app.command("info", help="Show the cache path, number of entries and size.")
def cache_info_cmd(cache_dir: CacheDirOpt = None) -> None:
    from summarizer.structured.cache import cache_info

    info = cache_info(_settings(cache_dir=cache_dir).cache_dir)
    typer.echo(f"path:    {info['path']}\nentries: {info['entries']}\nresults: {info['results']} (whole runs; the other "
               f"entries are model answers)\nsize:    {info['bytes'] / 1e6:.1f} MB")


@cache_app.command("clear", help="Remove every cached answer (assembled model files are kept).")
def cache_clear_cmd(cache_dir: CacheDirOpt = None) -> None:
    from summarizer.structured.cache import cache_clear

    typer.echo(f"removed {cache_clear(_settings(cache_dir=cache_dir).cache_dir)} cached answers")


@models_app.callback()
def models_list(ctx: typer.Context, cache_dir: CacheDirOpt = None) -> None:
    if ctx.invoked_subcommand:
        return
    from summarizer.backends.modelstore import list_models

    typer.echo(f"{'model':30} {'size':>9}  {'status':13} path")
    for r in list_models(_settings(cache_dir=cache_dir).cache_dir):
        typer.echo(f"{r['name']:30} {r['size'] / 1e6:7.0f}MB  {r['status']:13} {r['path'] or r['install']}")


@models_app.command("pull", help="Assemble and verify a local model now instead of on first use.")
def models_pull(name: str, cache_dir: CacheDirOpt = None) -> None:
    from summarizer.backends.modelstore import ensure_model

    typer.echo(str(ensure_model(name.removeprefix("local/"), _settings(cache_dir=cache_dir).cache_dir)))


@app.command("bench", help="Speed and memory, printed as JSON: cold and warm whole runs in fresh processes, the "
                           "same tasks of one article decoded one at a time and side by side, and the tokens of "
                           "each extraction strategy.")
def bench_cmd(
    model: ModelOpt = None,
    articles: Annotated[Optional[list[Path]], typer.Option("--article", help="Articles to measure (default: the "
                                                           "repository's two seed articles).")] = None,
    runs: Annotated[bool, typer.Option("--runs/--no-runs", help="Cold and warm whole runs.")] = True,
    parallel: Annotated[bool, typer.Option("--parallel/--no-parallel", help="Sequential against side-by-side "
                                           "decoding (local models).")] = True,
    strategies: Annotated[bool, typer.Option("--strategies/--no-strategies", help="Tokens per extraction "
                                             "strategy.")] = True,
) -> None:
    from summarizer.evaluation.bench import run_bench

    _setup_logging(False)
    sys.stdout.write(run_bench(model=model, articles=articles, runs=runs, parallel=parallel,
                               strategies=strategies) + "\n")


@app.command("eval", help="Run the pipeline on every gold article, score it, write reports, and exit 9 when a "
                          "metric falls below the thresholds or regresses against the baseline. Paths default to "
                          "the repository's fixtures/gold and eval/.")
def eval_cmd(
    model: ModelOpt = None,
    repeat: Annotated[int, typer.Option("--repeat", min=1, help="Runs per article; a metric fails when it fails "
                                        "in more than half of them.")] = 1,
    gold: Annotated[Optional[Path], typer.Option("--gold", help="Folder of gold files (default fixtures/gold).")] = None,
    thresholds: Annotated[Optional[Path], typer.Option("--thresholds", help="Default eval/thresholds.toml.")] = None,
    baseline: Annotated[Optional[Path], typer.Option("--baseline", help="Metrics to compare with (default "
                                                     "eval/baseline.json).")] = None,
    report_dir: Annotated[Optional[Path], typer.Option("--report-dir", help="Default eval/reports.")] = None,
    update_baseline: Annotated[bool, typer.Option("--update-baseline", help="Write this run's overall and group "
                                                  "rows as the new baseline.")] = False,
    cache_dir: CacheDirOpt = None, no_cache: NoCacheOpt = False, quiet: QuietOpt = False,
) -> None:
    from summarizer.evaluation.runner import eval_command
    from summarizer.render.progress import StageProgress

    _setup_logging(False, quiet=True)
    settings = _settings(model=model, cache_dir=cache_dir, no_cache=no_cache)
    eval_command(settings, gold=gold, thresholds=thresholds, baseline=baseline, report_dir=report_dir, repeat=repeat,
                 update_baseline=update_baseline, progress=StageProgress(quiet),
                 say=lambda line: typer.echo(line, err=True), show=lambda text: sys.stdout.write(text + "\n"))


@app.command("schema", help="Write the JSON Schema of the public models to DIR (default: schemas/).")
def schema_cmd(directory: Annotated[Path, typer.Argument()] = Path("schemas")) -> None:
    from summarizer.render.schemas import write_schemas

    for path in write_schemas(directory):
        typer.echo(str(path))


def _usage_message(exc: BaseException) -> str | None:
    """The one-line message of a command-line usage error (an unknown flag, a bad value), else None.
    typer 0.29 raises its vendored click's exceptions, older typers click's own: both have these."""
    if isinstance(getattr(exc, "exit_code", None), int) and callable(getattr(exc, "format_message", None)):
        return " ".join(exc.format_message().split())
    return None


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] not in SUBCOMMANDS and argv[0] not in {"--help", "-h"}:
        argv.insert(0, "run")
    try:
        code = app(args=argv, prog_name="summarize", standalone_mode=False)
    except SummarizerError as exc:
        if State.debug:
            raise
        typer.echo(f"Error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except (KeyboardInterrupt, typer.Abort):
        code = 130
    except SystemExit:
        raise
    except Exception as exc:  # usage errors and the unexpected
        if type(exc).__name__ == "NoArgsIsHelpError":
            typer.echo(exc.format_message(), err=True)
            sys.exit(2)
        if (message := _usage_message(exc)) is not None:
            typer.echo(f"Error: {message} (see summarize --help)", err=True)
            sys.exit(2)
        if State.debug:
            raise
        typer.echo(f"Error: internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)", err=True)
        sys.exit(1)
    if code == 130:  # Ctrl-C (typer turns it into an exit code): stop at once, abandoning model calls in flight
        typer.echo("Error: interrupted", err=True)  # on other threads; none of their answers is cached
        sys.stdout.flush()
        os._exit(130)
    sys.exit(code if isinstance(code, int) else 0)

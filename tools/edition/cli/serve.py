"""`edition serve`: a local preview that rebuilds what a save affects and reloads the open page."""

from __future__ import annotations

import click

from .util import handle_errors, load


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (the preview is for this machine; another address exposes it).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0: any free port).")
@handle_errors
def serve(host: str, port: int) -> None:
    """Preview the edition at http://HOST:PORT/ while editing.

    Watches tei/ and editorial/; on a save, validates the saved file and makes again the pages it
    affects (the search index waits for the next `edition build`), and the open page reloads. While
    a saved file has errors, the pages list them (file, line, message) instead. Ctrl-C stops.
    """
    from ..serve import serve as run

    project = load()

    def ready(address: tuple[str, int]) -> None:
        click.echo(f"edition serve: http://{address[0]}:{address[1]}/ (watching {project.tei_dir} and "
                   f"{project.editorial_dir}; Ctrl-C stops)")

    run(project.root, host, port, on_ready=ready)

#!/usr/bin/python3
"""Executes one notebook with nbclient on a Jupyter kernel and writes the executed copy.

    /usr/bin/python3 scripts/nbclient-run.py NOTEBOOK OUT.ipynb [--kernel .net-csharp] [--timeout 600]
        [--startup-timeout 300] [--attempts 3] [--param name=value]... [--record-timing]

The kernel is looked up the usual Jupyter way (JUPYTER_DATA_DIR, JUPYTER_PATH, then the user's
and the system's data dirs), so a test can install one into a temporary data dir. The kernel
starts in the notebook's folder, as Jupyter front ends start it, so relative paths (#r "../artifacts/...")
resolve as they do there. Cell errors are kept as outputs (allow_errors), so the caller sees every
cell's outcome; the exit code is 0 when the notebook ran to its end, with or without cell errors.

A kernel that dies, or does not answer within the startup timeout, gets a fresh start of the whole
notebook, up to --attempts times; nothing else is retried. Each retry is reported on stderr. Each kernel gets an
HTTP port of its own (see OwnPortKernelManager), so notebooks can run side by side.
--param rewrites the notebook's parameters cell (first line "// parameters") the way `course run --param`
does: the line "var name = ...;" becomes "var name = value;".
--record-timing keeps nbclient's per-cell timestamps (metadata.execution), which `course bench engine` reads.
"""
import argparse
import os
import re
import socket
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError
from jupyter_client.kernelspec import NoSuchKernel
from jupyter_client.manager import KernelManager


def free_port():
    """A TCP port free on every address (IPv4 and IPv6), as the kernel's web server binds them all."""
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as v4:
            v4.bind(("", 0))
            port = v4.getsockname()[1]
            try:
                with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as v6:
                    v6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)  # the IPv4 socket still holds the port
                    v6.bind(("::", port))
            except OSError:
                continue
            return port


class OwnPortKernelManager(KernelManager):
    """Starts the kernel as its kernelspec says, but with an HTTP port of its own. The .NET kernel's spec gives every
    kernel the range 2048-3000 and each takes the first port it finds free there, so two kernels starting at once
    (two notebooks run side by side) can take the same one: the second dies with "address already in use" before
    running a cell."""

    def format_kernel_cmd(self, extra_arguments=None):
        command = super().format_kernel_cmd(extra_arguments)
        if "--http-port-range" in command:
            port = free_port()
            command[command.index("--http-port-range") + 1] = f"{port}-{port}"
        return command


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook")
    parser.add_argument("out")
    parser.add_argument("--kernel", default=".net-csharp", help="kernel name (default .net-csharp, the .NET (C#) kernel)")
    parser.add_argument("--timeout", type=int, default=600, help="seconds one cell may run (default 600)")
    parser.add_argument("--startup-timeout", type=int, default=300,
                        help="seconds the kernel may take to answer its first request (default 300)")
    parser.add_argument("--attempts", type=int, default=3, help="runs of the whole notebook when the kernel dies (default 3)")
    parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--record-timing", action="store_true",
                        help="keep each cell's execute_input / execute_reply timestamps in its metadata")
    return parser.parse_args()


def apply_parameters(notebook, parameters, path):
    """Sets `var NAME = VALUE;` in the parameters cell; an unknown name or a missing cell is an error naming the file."""
    if not parameters:
        return
    cell = next((c for c in notebook.cells if c.cell_type == "code" and c.source.lstrip().startswith("// parameters")), None)
    if cell is None:
        sys.exit(f"nbclient-run: {path} has no parameters cell (a code cell whose first line is '// parameters').")
    for parameter in parameters:
        name, sep, value = parameter.partition("=")
        if not sep or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            sys.exit(f"nbclient-run: --param '{parameter}' is not NAME=VALUE.")
        pattern = re.compile(r"^(\s*var\s+" + re.escape(name) + r"\s*=\s*).*?;", re.MULTILINE)
        if not pattern.search(cell.source):
            sys.exit(f"nbclient-run: the parameters cell of {path} declares no 'var {name} = ...;'.")
        cell.source = pattern.sub(lambda m: m.group(1) + value + ";", cell.source, count=1)


def main():
    args = parse_arguments()
    path = os.path.abspath(args.notebook)
    if not os.path.isfile(path):
        sys.exit(f"nbclient-run: no notebook at '{path}'.")
    if os.path.abspath(args.out) == path:
        sys.exit(f"nbclient-run: the output '{args.out}' is the notebook itself; the source is never overwritten.")
    for attempt in range(1, args.attempts + 1):
        notebook = nbformat.read(path, as_version=4)
        apply_parameters(notebook, args.param, path)
        client = NotebookClient(
            notebook,
            kernel_name=args.kernel,
            kernel_manager_class=OwnPortKernelManager,
            timeout=args.timeout,
            startup_timeout=args.startup_timeout,
            allow_errors=True,
            # nbclient waits this long after a cell's reply for the rest of its outputs (default 4 s) and, by default, drops
            # what comes later with only a log warning: under load the .NET kernel's outputs (first cell: the package
            # restore) can come later than that, and a notebook came back with cells without outputs. Wait longer, and fail
            # loudly if even that is not enough.
            iopub_timeout=60,
            raise_on_iopub_timeout=True,
            record_timing=args.record_timing,
            resources={"metadata": {"path": os.path.dirname(path)}},
        )
        try:
            client.execute()
        except NoSuchKernel as e:
            sys.exit(f"nbclient-run: {e}; install it with `dotnet tool run dotnet-interactive jupyter install` "
                     f"(JUPYTER_DATA_DIR={os.environ.get('JUPYTER_DATA_DIR', '(unset)')}).")
        except (DeadKernelError, RuntimeError) as e:
            # RuntimeError is what jupyter_client raises when the kernel does not answer within the startup timeout.
            if isinstance(e, RuntimeError) and "Kernel didn't respond" not in str(e) and "Kernel died" not in str(e):
                raise
            print(f"nbclient-run: attempt {attempt} of {args.attempts} on {path}: the kernel died or did not start ({e})",
                  file=sys.stderr)
            if attempt == args.attempts:
                sys.exit(1)
            continue
        nbformat.write(notebook, args.out)
        return


if __name__ == "__main__":
    main()

"""Batch sub-commands of ``tdkt-desktop``; each module has ``add_parser(sub)`` and ``run(args)``.

A command module sets ``func=run`` on its parser; ``args.db`` is the chosen database path.
"""

#: Modules whose ``add_parser`` the CLI calls, in help order. Add one line per new command.
COMMAND_MODULES = [
    "tdkt_desktop.commands.demo",
    "tdkt_desktop.commands.maintenance",
    "tdkt_desktop.commands.restore",
    "tdkt_desktop.commands.screenshots",
    "tdkt_desktop.commands.print_cmd",
    "tdkt_desktop.commands.eligibility",
    "tdkt_desktop.commands.transfer",
    "tdkt_desktop.commands.bloc",
    "tdkt_desktop.commands.campaigns",
]

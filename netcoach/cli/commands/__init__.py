"""One module per command, each with ``run(ctx, args) -> exit status``; imported only when its command runs."""

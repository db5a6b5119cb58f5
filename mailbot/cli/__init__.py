"""The command line: `mailbot …` commands, their terminal output, `doctor` and the demo."""

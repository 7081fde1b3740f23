"""Meta-evaluation: how well each metric's scores agree with human faithfulness labels."""

import FuzzDriver

runLibFuzzer(fuzzNpz)

import FuzzDriver

runLibFuzzer(fuzzNpy)

import FuzzDriver

runLibFuzzer(fuzzPoint)

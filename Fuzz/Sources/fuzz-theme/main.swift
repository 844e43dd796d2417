import FuzzDriver

runLibFuzzer(fuzzTheme)

import FuzzDriver

runLibFuzzer(fuzzSafetensors)

import Foundation
import Testing
import SparseScapeTestSupport

/// PyTorch checkpoints written by Hugging Face's `safetensors` Python package (its NumPy API, in torch's layout: out ×
/// in, prune's weight_orig/weight_mask) through the binary: imported, certified exactly like the same network given as
/// JSON, points written back and read by `safetensors.numpy.load_file` bit for bit, and every bad checkpoint refused
/// with one line naming the tensor, exit status 2 and no file written.
@Suite(.serialized) struct SafetensorsCLITests {
    /// python3 with numpy and safetensors (scripts/ensure-deps.sh installs it; CI must have it).
    static let available = PythonProbe.numpyAndSafetensors

    /// Under CI the tests run whatever: a missing package is a failure there, not a skip.
    static let enabled = available || ProcessInfo.processInfo.environment["CI"] != nil

    /// Runs a Python script in `dir`; returns its stdout.
    @discardableResult
    static func python(_ script: String, in dir: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script]
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        try #require(p.terminationStatus == 0, "python failed: \(String(decoding: e, as: UTF8.self))")
        return String(decoding: o, as: UTF8.self)
    }

    /// A checkpoint of widths [4, 5, 4, 3] in torch's layout: fc1 pruned (float32 weight_orig and weight_mask), fc2
    /// plain float16, fc3 pruned float64; the data; and the same network written by hand in SparseScape's layout
    /// (hand.json, its masks and weights transposed by NumPy, with the same reference point) and point.json (per-layer
    /// matrices).
    static let writeModel = """
        import json, numpy as np
        from safetensors.numpy import save_file
        rng = np.random.default_rng(7)
        X = rng.standard_normal((30, 4)); Y = rng.standard_normal((30, 3))
        np.save('X.npy', X); np.save('Y.npy', Y)
        o1 = rng.standard_normal((5, 4)).astype(np.float32); m1 = (rng.random((5, 4)) > 0.35).astype(np.float32)
        w2 = rng.standard_normal((4, 5)).astype(np.float16)
        o3 = rng.standard_normal((3, 4)); m3 = (rng.random((3, 4)) > 0.3).astype(np.float64)
        m1[0, :] = 1; m3[:, 0] = 1
        save_file({'fc1.weight_orig': o1, 'fc1.weight_mask': m1, 'fc2.weight': w2, 'fc3.weight_orig': o3, 'fc3.weight_mask': m3},
                  'model.safetensors', metadata={'format': 'pt'})
        W = [(o1.astype(np.float64) * m1).T, w2.astype(np.float64).T, (o3 * m3).T]
        M = [m1.T, np.ones((5, 4)), m3.T]
        canonical = [float(v) for w, m in zip(W, M) for v, k in zip(w.ravel(), m.ravel()) if k == 1]
        json.dump({'name': 'hand', 'widths': [4, 5, 4, 3], 'masks': [m.astype(int).tolist() for m in M], 'X': 'X.npy', 'Y': 'Y.npy',
                   'start': canonical, 'points': {'checkpoint': canonical}}, open('hand.json', 'w'))
        json.dump({'layers': [w.tolist() for w in W]}, open('point.json', 'w'))
        """

    /// The JSON of a command's stdout without the network's name (the one field that differs between the two configs).
    static func withoutName(_ text: String) throws -> NSDictionary {
        var o = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        o["network"] = nil
        return o as NSDictionary
    }

    @Test(.enabled(if: enabled, "python3 with numpy and safetensors is not installed"))
    func aCheckpointCertifiesExactlyLikeTheSameNetworkGivenAsJSON() throws {
        let dir = try CLIRunner.tempDir()
        try Self.python(Self.writeModel, in: dir)
        let imported = try CLIRunner.run(["import", "model.safetensors", "--data", "X.npy", "Y.npy", "--out", "net.json", "--json"], in: dir)
        #expect(imported.status == 0, "\(imported.stderr)")
        let o = try #require(try JSONSerialization.jsonObject(with: Data(imported.stdout.utf8)) as? [String: Any])
        #expect(o["widths"] as? [Int] == [4, 5, 4, 3])
        let torch = try #require(o["torch"] as? [String: Any])
        #expect(torch["layers"] as? [String] == ["fc1", "fc2", "fc3"] && torch["pruned"] as? [Bool] == [true, false, true])
        let layers = try #require(o["layers"] as? [[String: Any]])
        #expect(layers.compactMap { $0["dtype"] as? String } == ["F32", "F16", "F64"])
        // The imported config is the hand-written one: same widths, masks, start and reference point.
        let net = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/net.json"))) as? [String: Any])
        let hand = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/hand.json"))) as? [String: Any])
        for key in ["widths", "masks", "start", "points"] {
            #expect((net[key] as? NSObject) == (hand[key] as? NSObject), "\(key)")
        }
        // Certified four ways: the certificates are identical, number for number.
        let runs = [["net.json", "checkpoint"], ["hand.json", "point.json"], ["net.json", "model.safetensors"], ["hand.json", "model.safetensors"]]
        var certificates: [NSDictionary] = []
        for r in runs {
            let c = try CLIRunner.run(["certify", r[0], "--point", r[1], "--json"], in: dir)
            #expect(c.status == 0, "\(r): \(c.stderr)")
            certificates.append(try Self.withoutName(c.stdout))
        }
        for k in 1..<certificates.count { #expect(certificates[k] == certificates[0], "\(runs[k]) differs from \(runs[0])") }
        #expect(certificates[0]["classification"] is String && certificates[0]["hessianEigenvalues"] is [Double])
        // The same for a training run from the checkpoint (the explorer's engine steps the same optimizer).
        let t1 = try CLIRunner.run(["train", "net.json", "--point", "model.safetensors", "--optimizer", "lbfgs", "--steps", "25", "--json"], in: dir)
        let t2 = try CLIRunner.run(["train", "hand.json", "--point", "point.json", "--optimizer", "lbfgs", "--steps", "25", "--json"], in: dir)
        #expect(t1.status == 0 && t2.status == 0, "\(t1.stderr) \(t2.stderr)")
        #expect(try Self.withoutName(t1.stdout) == (try Self.withoutName(t2.stdout)))
    }

    @Test(.enabled(if: enabled, "python3 with numpy and safetensors is not installed"))
    func pointsWrittenBackLoadWithLoadFileBitForBit() throws {
        let dir = try CLIRunner.tempDir()
        try Self.python(Self.writeModel, in: dir)
        #expect(try CLIRunner.run(["import", "model.safetensors", "--data", "X.npy", "Y.npy", "--out", "net.json"], in: dir).status == 0)
        let t = try CLIRunner.run(["train", "net.json", "--optimizer", "lbfgs", "--steps", "30", "--out", "p.json", "--out-point", "p.safetensors"], in: dir)
        #expect(t.status == 0, "\(t.stderr)")
        #expect(t.stdout.contains("wrote p.safetensors (fc1.weight_orig + weight_mask, fc2.weight, fc3.weight_orig + weight_mask)"))
        // NumPy rebuilds torch's tensors from the JSON point and the config's masks and compares the bits.
        let check = """
            import json, numpy as np
            from safetensors.numpy import load_file, save_file
            t = load_file('p.safetensors'); m = load_file('model.safetensors')
            cfg = json.load(open('net.json')); p = json.load(open('p.json'))['params']
            assert sorted(t) == sorted(m), (sorted(t), sorted(m))       # load_state_dict's keys: those of the model
            k = 0; names = ['fc1', 'fc2', 'fc3']
            for l, mask in enumerate(cfg['masks']):
                mask = np.array(mask); W = np.zeros(mask.shape)
                n = int(mask.sum()); W[mask == 1] = p[k:k + n]; k += n
                key = names[l] + ('.weight' if l == 1 else '.weight_orig')
                assert t[key].dtype == np.float64 and t[key].shape == W.T.shape, key
                assert np.array_equal(t[key].view(np.uint64), np.ascontiguousarray(W.T).view(np.uint64)), key
                if l != 1: assert np.array_equal(t[names[l] + '.weight_mask'], mask.T.astype(np.float64)), l
            assert k == len(p)
            save_file(load_file('p.safetensors'), 're-saved.safetensors')
            print('bit for bit')
            """
        #expect(try Self.python(check, in: dir) == "bit for bit\n")
        // Re-saved by Python and read again: the same point as the JSON file, number for number.
        let a = try CLIRunner.run(["certify", "net.json", "--point", "p.json", "--json"], in: dir)
        let b = try CLIRunner.run(["certify", "net.json", "--point", "re-saved.safetensors", "--json"], in: dir)
        #expect(a.status == 0 && b.status == 0 && a.stdout == b.stdout, "\(a.stderr) \(b.stderr)")
        // prune --out-point: the level's trained point and its new mask, in the same layout.
        let pr = try CLIRunner.run(["prune", "net.json", "--point", "checkpoint", "--method", "magnitude", "--sparsity", "0.4", "--restarts", "0",
                                    "--out-config", "pruned.json", "--out-point", "pruned.safetensors"], in: dir)
        #expect(pr.status == 0, "\(pr.stderr)")
        let prunedCheck = """
            import json, numpy as np
            from safetensors.numpy import load_file
            t = load_file('pruned.safetensors'); cfg = json.load(open('pruned.json'))
            p = cfg['points']['trained']; k = 0
            for l, name in enumerate(['fc1', 'fc2', 'fc3']):
                mask = np.array(cfg['masks'][l]); W = np.zeros(mask.shape); n = int(mask.sum()); W[mask == 1] = p[k:k + n]; k += n
                w = t[name + '.weight'] if l == 1 else t[name + '.weight_orig'] * t[name + '.weight_mask']
                assert np.array_equal(w, W.T), name
                if l != 1: assert np.array_equal(t[name + '.weight_mask'], mask.T.astype(np.float64)), name
            assert k == len(p)
            print(k)
            """
        // The level written has the config's free weights (as prune says) and the state dict holds them all.
        let kept = try Self.python(prunedCheck, in: dir)
        #expect(pr.stdout.contains("wrote pruned.json (level 1, \(kept.dropLast()) free weights)"), "\(pr.stdout)")
        #expect(pr.stdout.contains("wrote pruned.safetensors (fc1.weight_orig + weight_mask, fc2.weight, fc3.weight_orig + weight_mask) (level 1)"))
    }

    @Test(.enabled(if: enabled, "python3 with numpy and safetensors is not installed"))
    func badCheckpointsAreRefusedNamingTheTensor() throws {
        let dir = try CLIRunner.tempDir()
        try Self.python("""
            import numpy as np
            from safetensors.numpy import save_file
            w1 = np.ones((3, 2), np.float32); w2 = np.ones((2, 3), np.float32)
            np.save('X.npy', np.ones((5, 2))); np.save('Y.npy', np.ones((5, 2)))
            save_file({'fc1.weight': w1, 'fc1.bias': np.zeros(3, np.float32), 'fc2.weight': w2}, 'bias.safetensors')
            save_file({'fc1.weight': w1.astype(np.int64), 'fc2.weight': w2}, 'int.safetensors')
            save_file({'fc1.weight': w1, 'fc2.weight': np.ones((2, 2), np.float32)}, 'chain.safetensors')
            save_file({'fc1.weight_orig': w1, 'fc2.weight': w2}, 'nomask.safetensors')
            save_file({'fc1.weight_orig': w1, 'fc1.weight_mask': np.full((3, 2), 0.5, np.float32), 'fc2.weight': w2}, 'halfmask.safetensors')
            save_file({'encoder.weight': w1, 'decoder.weight': w2}, 'names.safetensors')
            save_file({'fc1.weight': w1, 'fc2.weight': w2.astype(np.uint8)}, 'uint8.safetensors')
            open('short.safetensors', 'wb').write(open('chain.safetensors', 'rb').read()[:-4])
            """, in: dir)
        let cases: [(String, String)] = [
            ("bias", "tensor 'fc1.bias' is a bias: SparseScape's networks are bias-free linear stacks (nn.Linear(..., bias=False))"),
            ("int", "tensor 'fc1.weight' has dtype I64; SparseScape reads float32 (F32), float64 (F64), float16 (F16) or bfloat16 (BF16)"),
            ("uint8", "tensor 'fc2.weight' has dtype U8; SparseScape reads float32 (F32), float64 (F64), float16 (F16) or bfloat16 (BF16)"),
            ("chain", "tensor 'fc2.weight' is 2×2 (out × in): its 2 inputs do not match the 3 outputs of 'fc1.weight'"),
            ("nomask", "tensor 'fc1.weight_orig' has no 'fc1.weight_mask' beside it (torch.nn.utils.prune saves both)"),
            ("halfmask", "tensor 'fc1.weight_mask' entry [0, 0] is 0.5; a mask holds 0 and 1 only"),
            ("names", "cannot tell the order of the layers from their names (decoder, encoder); give it with --layers, e.g. --layers decoder,encoder"),
            ("short", "not a valid safetensors file: tensor 'fc2.weight' ends at byte 40, past the end of the data (36 bytes)"),
        ]
        for (name, message) in cases {
            let r = try CLIRunner.run(["import", "\(name).safetensors", "--data", "X.npy", "Y.npy", "--out", "net.json"], in: dir)
            #expect(r.status == 2, "\(name)")
            #expect(r.stderr == "sparsescape: error: \(name).safetensors: \(message)\n", "\(name)")
            #expect(r.stdout.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: dir + "/net.json"), "\(name) left a file")
        }
        // The order given: the stack encoder → decoder chains (2 → 3 → 2).
        let ordered = try CLIRunner.run(["import", "names.safetensors", "--data", "X.npy", "Y.npy", "--out", "net.json", "--layers", "encoder,decoder", "--json"], in: dir)
        #expect(ordered.status == 0, "\(ordered.stderr)")
        let o = try #require(try JSONSerialization.jsonObject(with: Data(ordered.stdout.utf8)) as? [String: Any])
        #expect(o["widths"] as? [Int] == [2, 3, 2])
        // Data that does not fit the checkpoint: named, nothing written.
        try Self.python("import numpy as np; np.save('X3.npy', np.ones((5, 3)))", in: dir)
        let x = try CLIRunner.run(["import", "names.safetensors", "--data", "X3.npy", "Y.npy", "--out", "other.json", "--layers", "encoder,decoder"], in: dir)
        #expect(x.status == 2 && x.stderr == "sparsescape: error: X3.npy: X has 3 columns but tensor 'encoder.weight' takes 2 inputs\n", "\(x.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/other.json"))
        // A checkpoint given as --point to a network it does not fit.
        let p = try CLIRunner.run(["certify", "theorem5", "--point", "chain.safetensors"], in: dir)
        #expect(p.status == 2 && p.stderr.hasPrefix("sparsescape: error: chain.safetensors: tensor 'fc2.weight' is 2×2"), "\(p.stderr)")
    }

    @Test(.enabled(if: enabled, "python3 with numpy and safetensors is not installed"))
    func maskFromZerosPrunesThePlainLayersZeros() throws {
        let dir = try CLIRunner.tempDir()
        try Self.python("""
            import numpy as np
            from safetensors.numpy import save_file
            w = np.array([[1, 0, 2], [0, 3, 0]], np.float32)     # out 2 × in 3: 3 exact zeros
            np.save('X.npy', np.arange(12.0).reshape(4, 3)); np.save('Y.npy', np.ones((4, 2)))
            save_file({'weight': w}, 'linear.safetensors')
            """, in: dir)
        let dense = try CLIRunner.run(["import", "linear.safetensors", "--data", "X.npy", "Y.npy", "--out", "dense.json", "--json"], in: dir)
        let sparse = try CLIRunner.run(["import", "linear.safetensors", "--data", "X.npy", "Y.npy", "--out", "sparse.json", "--mask-from-zeros", "--json"], in: dir)
        #expect(dense.status == 0 && sparse.status == 0, "\(dense.stderr) \(sparse.stderr)")
        let d = try #require(try JSONSerialization.jsonObject(with: Data(dense.stdout.utf8)) as? [String: Any])
        let s = try #require(try JSONSerialization.jsonObject(with: Data(sparse.stdout.utf8)) as? [String: Any])
        #expect(d["freeWeights"] as? Int == 6 && s["freeWeights"] as? Int == 3)
        let cfg = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/sparse.json"))) as? [String: Any])
        #expect((cfg["masks"] as? [[[Int]]]) == [[[1, 0], [0, 1], [1, 0]]])
        #expect((cfg["start"] as? [Double]) == [1, 3, 2])
        // A lone nn.Linear's state is just 'weight', and is written back so.
        let t = try CLIRunner.run(["train", "sparse.json", "--steps", "3", "--out-point", "back.safetensors"], in: dir)
        #expect(t.status == 0, "\(t.stderr)")
        #expect(try Self.python("from safetensors.numpy import load_file; print(sorted(load_file('back.safetensors')))", in: dir) == "['weight']\n")
    }
}

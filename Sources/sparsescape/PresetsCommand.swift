import ArgumentParser
import Foundation
import SparseScapeCore

/// `sparsescape presets [list|show NAME]`.
struct PresetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "presets",
        abstract: "List the built-in presets (the paper's examples) or print one as a config file.",
        discussion: """
            Examples:
              sparsescape presets
              sparsescape presets show theorem5 > my-network.json
              # edit my-network.json, then:
              sparsescape train my-network.json
            """,
        subcommands: [List.self, Show.self],
        defaultSubcommand: List.self
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the presets with their stories.")
        @OptionGroup var output: OutputOptions

        func run() throws {
            struct Entry: Encodable { var name: String; var widths: [Int]; var parameters: Int; var description: String }
            let entries = try PresetLibrary.names().map { name -> Entry in
                let c = try PresetLibrary.load(name)
                return Entry(name: name, widths: c.architecture.widths, parameters: c.architecture.parameterCount, description: c.description)
            }
            if output.json { print(try JSONText.encode(entries), terminator: ""); return }
            for e in entries {
                let tag = e.name == PresetLibrary.defaultName ? " (default)" : ""
                print("\(e.name)\(tag)  widths \(e.widths), \(e.parameters) free weights")
                print("    \(e.description)")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Print a preset as a config file.")
        @Argument(help: "The preset's name.") var name: String
        @OptionGroup var output: OutputOptions

        func run() throws {
            // The preset file is itself a config file (JSON either way). Data files it names relative to the presets'
            // directory (digits) are written as paths that resolve from the working directory, where the output is
            // usually saved.
            let config = try PresetLibrary.load(name)
            if config.xFile != nil || config.yFile != nil {
                print(config.jsonText(referencingDataFilesFrom: FileManager.default.currentDirectoryPath), terminator: "")
            } else {
                print(try PresetLibrary.text(name), terminator: "")
            }
        }
    }
}

extension Theme {
    /// The text of `themes/default.theme`, compiled in (a test checks the two agree).
    public static let builtinDefaultText = """
    # SparseScape default theme (dark). btop-style: theme[key]="#RRGGBB".

    # Screen
    theme[main_bg]="#101418"
    theme[main_fg]="#cdd6df"
    theme[title]="#f0f4f8"
    theme[hi_fg]="#ffb454"
    theme[inactive_fg]="#5f6b78"
    theme[div_line]="#3a4552"
    theme[selected_bg]="#2a4d73"
    theme[selected_fg]="#ffffff"

    # Network
    theme[edge_pos]="#4fb3ff"
    theme[edge_neg]="#ff6b6b"
    theme[edge_pruned]="#56606b"
    theme[edge_useless]="#9a7b4f"
    theme[node]="#e8e8e8"

    # Loss chart
    theme[loss_line]="#7ee787"
    theme[grad_line]="#c8a2ff"
    theme[mask_mark]="#e3b341"

    # Slice heatmap gradient (plasma-like)
    theme[slice_start]="#0d0887"
    theme[slice_mid]="#cc4778"
    theme[slice_end]="#f0f921"
    theme[path]="#ffffff"
    theme[current]="#00e5ff"
    theme[best]="#39ff14"

    # Status
    theme[status_ok]="#7ee787"
    theme[status_warn]="#e3b341"
    theme[status_bad]="#ff5c5c"

    """
}

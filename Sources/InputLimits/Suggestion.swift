/// "Did you mean …?" for unknown keys, columns and names.
public enum Suggestion {
    /// The candidate closest to `word` by edit distance, if it is close enough to be a likely typo
    /// (at most a third of the longer word's length, and at least 1 edit allowed).
    /// - Complexity: O(candidates × |word| × |candidate|).
    public static func closest(to word: String, among candidates: [String]) -> String? {
        let w = word.lowercased()
        var best: (String, Int)?
        for c in candidates {
            let d = editDistance(w, c.lowercased())
            if best == nil || d < best!.1 { best = (c, d) }
        }
        guard let (c, d) = best else { return nil }
        return d <= Swift.max(1, Swift.max(w.count, c.count) / 3) ? c : nil
    }

    /// ` (did you mean 'x'?)` or the empty string. - Complexity: as `closest(to:among:)`.
    public static func hint(for word: String, among candidates: [String]) -> String {
        closest(to: word, among: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// Levenshtein distance over Unicode characters; inputs are capped at 256 characters so a hostile
    /// key costs bounded time. - Complexity: O(|a| × |b|).
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.prefix(256)), b = Array(b.prefix(256))
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var prev = row[0]
            row[0] = i
            for j in 1...b.count {
                let cur = row[j]
                row[j] = Swift.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1))
                prev = cur
            }
        }
        return row[b.count]
    }
}

import InputLimits
import Testing

@Suite("Delimited text as spreadsheets write it")
struct DelimitedTextTests {
    @Test func quotedCellsHoldSeparatorsLineBreaksAndDoubledQuotes() throws {
        let text = "\"type\",\"id\",\"note\"\r\njob,\"a, b\",\"say \"\"hi\"\"\"\r\njob,\"two\nlines\",x\r\njob,c,y\r\n"
        let (sep, records) = try DelimitedText.parse(text, file: "t.csv")
        #expect(sep == .comma)
        #expect(records.map(\.cells) == [["type", "id", "note"], ["job", "a, b", "say \"hi\""], ["job", "two\nlines", "x"], ["job", "c", "y"]])
        #expect(records.map(\.line) == [1, 2, 3, 5], "a record's line is where it starts; the quoted line break counts")
    }

    @Test func separatorIsDetectedFromTheHeader() throws {
        #expect(try DelimitedText.parse("type;id;x\njob;a;1,5\n", file: "s.csv").delimiter == .semicolon)
        #expect(try DelimitedText.parse("type\tid\tx\njob\ta\t1\n", file: "t.tsv").delimiter == .tab)
        #expect(try DelimitedText.parse("# comment, with; separators\ntype,id\njob,a\n", file: "c.csv").delimiter == .comma)
        let semicolon = try DelimitedText.parse("type;id;x\njob;\"a;b\";1,5\n", file: "s.csv")
        #expect(semicolon.records[1].cells == ["job", "a;b", "1,5"])
    }

    @Test func byteOrderMarkCROnlyAndPaddingRowsAreHandled() throws {
        let (_, records) = try DelimitedText.parse("\u{FEFF}type,id\rjob,a\r,,\r\r", file: "b.csv")
        #expect(records.map(\.cells) == [["type", "id"], ["job", "a"]])
        #expect(records[1].line == 2)
    }

    @Test func commentsOnTheirOwnLineWorkAndTrailingCommentsAreRefused() throws {
        let ok = try DelimitedText.parse("# head\ntype,id\n  # indented\njob,\"#1\"\n", file: "c.csv")
        #expect(ok.records.map(\.cells) == [["type", "id"], ["job", "#1"]])
        #expect(throws: InputError(file: "c.csv", line: 2, field: "column 2",
                                   message: "'#' after data: comments go on lines of their own starting with '#' (quote the cell if '#' is part of a value)")) {
            _ = try DelimitedText.parse("type,id\njob,a # trailing\n", file: "c.csv")
        }
    }

    @Test func malformedQuotingNamesTheLine() {
        #expect(throws: InputError(file: "q.csv", line: 2, field: "column 2", message: "a quoted cell opened here is never closed")) {
            _ = try DelimitedText.parse("type,id\njob,\"open\nmore\n", file: "q.csv")
        }
        do {
            _ = try DelimitedText.parse("type,id\njob,\"a\"b\n", file: "q.csv")
            Issue.record("text after a closing quote must be refused")
        } catch {
            #expect(error.line == 2)
        }
        do {
            _ = try DelimitedText.parse("type,id\njob,a\"b\n", file: "q.csv")
            Issue.record("a quote inside an unquoted cell must be refused")
        } catch {
            #expect(error.message.contains("quote"))
        }
    }

    @Test func tooManyColumnsIsAnError() {
        let wide = Array(repeating: "c", count: DelimitedText.maxColumns + 1).joined(separator: ",")
        #expect(throws: InputError.self) { _ = try DelimitedText.parse(wide, file: "w.csv") }
    }
}

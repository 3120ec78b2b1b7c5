import { Document, Page, renderToBuffer, StyleSheet, Text, View } from "@react-pdf/renderer";
import { postmortemStatusLabels, reportTime, type PostmortemView } from "./shared";

const styles = StyleSheet.create({
  page: { paddingTop: 48, paddingBottom: 56, paddingHorizontal: 48, fontSize: 10, fontFamily: "Helvetica", color: "#111" },
  titleBlock: { borderBottomWidth: 1, borderBottomColor: "#999", paddingBottom: 10, marginBottom: 14 },
  kicker: { fontSize: 9, color: "#555", marginBottom: 4 },
  title: { fontSize: 18, fontFamily: "Helvetica-Bold", marginBottom: 6 },
  meta: { fontSize: 9, color: "#333" },
  heading: { fontSize: 13, fontFamily: "Helvetica-Bold", marginTop: 14, marginBottom: 6 },
  paragraph: { marginBottom: 4, lineHeight: 1.4 },
  bullet: { marginBottom: 2, paddingLeft: 10, lineHeight: 1.4 },
  table: { borderWidth: 1, borderColor: "#bbb", marginBottom: 6 },
  row: { flexDirection: "row", borderBottomWidth: 1, borderBottomColor: "#ddd" },
  headerRow: { flexDirection: "row", backgroundColor: "#eee", borderBottomWidth: 1, borderBottomColor: "#bbb" },
  cellTime: { width: "24%", padding: 4, fontSize: 8.5 },
  cellText: { width: "54%", padding: 4, fontSize: 8.5 },
  cellBy: { width: "22%", padding: 4, fontSize: 8.5 },
  bold: { fontFamily: "Helvetica-Bold" },
  footerLeft: { position: "absolute", bottom: 24, left: 48, width: 330, fontSize: 8, color: "#666" },
  footerRight: { position: "absolute", bottom: 24, right: 48, width: 120, textAlign: "right", fontSize: 8, color: "#666" },
});

// lineHeight stays on the body text: set on the page, it blanks the page-number footer.
/** Markdown as plain lines for print: headings and bullets keep their shape, emphasis marks go. */
function Body({ source }: { source: string }) {
  const lines = source.replace(/\r/g, "").split("\n");
  return (
    <View>
      {lines.map((raw, i) => {
        const line = raw.replace(/\*\*(.+?)\*\*/g, "$1").replace(/`([^`]+)`/g, "$1");
        if (!line.trim()) return null;
        const bullet = /^\s*[-*+]\s+(\[( |x|X)\]\s+)?(.*)$/.exec(line);
        if (bullet) {
          const box = bullet[1] ? (bullet[2] === " " ? "[ ] " : "[x] ") : "• ";
          return (
            <Text key={i} style={styles.bullet}>
              {box}
              {bullet[3]}
            </Text>
          );
        }
        const heading = /^#{1,6}\s+(.*)$/.exec(line);
        if (heading) return <Text key={i} style={[styles.paragraph, styles.bold]}>{heading[1]}</Text>;
        return (
          <Text key={i} style={styles.paragraph}>
            {line}
          </Text>
        );
      })}
    </View>
  );
}

function Report({ pm }: { pm: PostmortemView }) {
  return (
    <Document title={`${pm.incidentKey} post-mortem: ${pm.title}`} author="Firedrill" subject="Incident report">
      <Page size="A4" style={styles.page}>
        <View style={styles.titleBlock}>
          <Text style={styles.kicker}>INCIDENT REPORT · {pm.incidentKey}</Text>
          <Text style={styles.title}>{pm.title}</Text>
          <Text style={styles.meta}>
            Severity {pm.severity} · Service {pm.service} · Status {postmortemStatusLabels[pm.status]}
            {pm.publishedAt ? ` · Published ${reportTime(pm.publishedAt)}` : ""}
          </Text>
          <Text style={styles.meta}>Written by {pm.createdByName} · Version {pm.version}</Text>
        </View>
        {pm.sections.map((s) => (
          <View key={s.key} wrap>
            <Text style={styles.heading} minPresenceAhead={40}>
              {s.title}
            </Text>
            {s.key === "timeline" && pm.timeline.length > 0 && (
              <View style={styles.table}>
                <View style={styles.headerRow} fixed>
                  <Text style={[styles.cellTime, styles.bold]}>Time (UTC)</Text>
                  <Text style={[styles.cellText, styles.bold]}>Event</Text>
                  <Text style={[styles.cellBy, styles.bold]}>By</Text>
                </View>
                {pm.timeline.map((r, i) => (
                  <View key={i} style={styles.row} wrap={false}>
                    <Text style={styles.cellTime}>{reportTime(r.at)}</Text>
                    <Text style={styles.cellText}>{r.text}</Text>
                    <Text style={styles.cellBy}>{r.actor ?? ""}</Text>
                  </View>
                ))}
              </View>
            )}
            {s.key === "action_items" &&
              pm.actionItems.map((a) => (
                <Text key={a.id} style={styles.bullet}>
                  {a.status === "done" ? "[x] " : "[ ] "}
                  {a.title}
                  {a.ownerName ? ` (Owner: ${a.ownerName}` : ""}
                  {a.ownerName && a.dueDate ? `, Due: ${a.dueDate})` : a.ownerName ? ")" : a.dueDate ? ` (Due: ${a.dueDate})` : ""}
                </Text>
              ))}
            {s.body.trim() ? <Body source={s.body} /> : s.key !== "timeline" && s.key !== "action_items" ? <Text style={styles.paragraph}>Nothing recorded.</Text> : null}
          </View>
        ))}
        <Text style={styles.footerLeft} fixed>
          {pm.incidentKey} · {pm.title}
        </Text>
        <Text style={styles.footerRight} fixed render={({ pageNumber, totalPages }) => `Page ${pageNumber} of ${totalPages}`} />
      </Page>
    </Document>
  );
}

/** The report as a PDF (A4): a title block, the template's headings, the timeline as a table, page numbers. */
export async function postmortemPdf(pm: PostmortemView): Promise<Buffer> {
  return renderToBuffer(<Report pm={pm} />);
}

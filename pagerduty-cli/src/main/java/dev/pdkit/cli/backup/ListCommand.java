package dev.pdkit.cli.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pdkit.backup.ArchiveSummary;
import dev.pdkit.backup.StoredBackup;
import dev.pdkit.cli.Main;
import java.io.PrintStream;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pdkit backup list}: the archives in {@code --dir}, oldest first. */
@Command(name = "list", description = "List the archives in --dir, oldest first (no key needed; nothing verified).")
final class ListCommand extends BackupBase {
  private static final ObjectMapper JSON = new ObjectMapper();

  enum Format { TEXT, JSON }

  @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
      description = "Output format: text (default) or json.")
  Format format = Format.TEXT;

  @Override
  public Integer call() throws Exception {
    List<StoredBackup> list = store().list();
    PrintStream out = main().out();
    if (format == Format.JSON) {
      ArrayNode arr = JSON.createArrayNode();
      for (StoredBackup b : list) {
        ObjectNode o = arr.addObject();
        o.put("name", b.name());
        o.put("path", b.location());
        o.put("created", b.created().toString());
        o.put("size", b.size());
        ArchiveSummary s = b.summary();
        if (s != null) {
          o.put("account", s.account());
          o.put("encryption", s.encryption().wire());
          o.put("tool_version", s.toolVersion());
          o.put("complete", s.complete());
          if (s.complete()) {
            o.put("records", s.entries().getAsLong());
            ObjectNode counts = o.putObject("counts");
            s.counts().forEach((k, v) -> counts.put(k.wire(), v));
          }
        } else {
          o.put("problem", b.problem());
        }
      }
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(arr));
      return Main.OK;
    }
    if (list.isEmpty()) {
      out.println("No archives in " + store().location());
      return Main.OK;
    }
    out.println(String.format("%-55s  %-24s  %10s  %-10s  %8s  %s", "NAME", "CREATED", "SIZE", "ENCRYPTION",
        "RECORDS", "ACCOUNT"));
    for (StoredBackup b : list) {
      ArchiveSummary s = b.summary();
      if (s == null) {
        out.println(String.format("%-55s  %-24s  %10s  %s", b.name(), b.created(), size(b.size()),
            "UNREADABLE: " + b.problem()));
        continue;
      }
      out.println(String.format("%-55s  %-24s  %10s  %-10s  %8s  %s", b.name(), b.created(), size(b.size()),
          s.encryption().wire(), s.complete() ? String.valueOf(s.entries().getAsLong()) : "INCOMPLETE", s.account()));
    }
    out.println(list.size() + " archive" + (list.size() == 1 ? "" : "s") + " in " + store().location()
        + " (summaries are unverified; run 'pdkit backup verify NAME')");
    return Main.OK;
  }
}

package app.podium.engine.durable;

import app.podium.engine.store.Change;
import app.podium.engine.store.Database;
import app.podium.engine.store.Row;
import app.podium.engine.store.SortedStore;
import app.podium.engine.store.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Keeps a database on a data folder: every change is appended to a journal and forced to disk
 * before the write is answered (writers that arrive together share one force), and journals are
 * compacted into snapshots.
 *
 * <p>Files: {@code snapshot-N.bin} holds everything up to and including {@code journal-N.log}; the
 * journal being written is the one after the newest snapshot. Both are sequences of records, each
 * {@code [length][crc32][JSON change]}. At start the newest snapshot is loaded and the later
 * journals replayed; a torn record at the end of the last journal (a crash mid-append) is cut off
 * with a warning. Then the folder is compacted, so a start always leaves one snapshot and an empty
 * journal.
 */
public final class Journal implements Database.ChangeLog, AutoCloseable {
  static final long DEFAULT_COMPACT_BYTES = 64L * 1024 * 1024;
  private static final Pattern SNAPSHOT = Pattern.compile("snapshot-(\\d+)\\.bin");
  private static final Pattern JOURNAL = Pattern.compile("journal-(\\d+)\\.log");
  private static final int ITEMS_PER_SNAPSHOT_RECORD = 256;

  private final Path folder;
  private final Database database;
  private final long compactBytes;
  private final FileChannel lockChannel;
  private final FileLock folderLock;

  /**
   * Writers hold it shared while they append and force; compaction holds it alone while it switches
   * journals.
   */
  private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();

  private final Object appending = new Object();
  private final Object forcing = new Object();
  private FileChannel channel;
  private long generation;
  private long appended;
  private long forced;
  private volatile boolean compacting;

  private Journal(
      Path folder,
      Database database,
      long compactBytes,
      FileChannel lockChannel,
      FileLock folderLock) {
    this.folder = folder;
    this.database = database;
    this.compactBytes = compactBytes;
    this.lockChannel = lockChannel;
    this.folderLock = folderLock;
  }

  /**
   * Loads the folder into {@code database}, compacts it and returns the journal that keeps later
   * changes there. Fails when another process holds the folder.
   */
  public static Journal open(Path folder, Database database, long compactBytes) throws IOException {
    Files.createDirectories(folder);
    FileChannel lockChannel =
        FileChannel.open(
            folder.resolve("engine.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = lockChannel.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException held) {
      lock = null;
    }
    if (lock == null) {
      lockChannel.close();
      throw new IOException("data folder " + folder + " is in use by another engine");
    }
    Journal journal = new Journal(folder, database, compactBytes, lockChannel, lock);
    journal.load();
    return journal;
  }

  public static Journal open(Path folder, Database database) throws IOException {
    return open(folder, database, DEFAULT_COMPACT_BYTES);
  }

  private void load() throws IOException {
    TreeMap<Long, Path> snapshots = numbered(SNAPSHOT);
    TreeMap<Long, Path> journals = numbered(JOURNAL);
    long base = snapshots.isEmpty() ? 0 : snapshots.lastKey();
    if (!snapshots.isEmpty()) {
      replay(snapshots.lastEntry().getValue(), false);
    }
    long last = base;
    List<Path> later = new ArrayList<>(journals.tailMap(base, false).values());
    for (int i = 0; i < later.size(); i++) {
      replay(later.get(i), i == later.size() - 1);
    }
    if (!journals.isEmpty()) {
      last = Math.max(last, journals.lastKey());
    }
    generation = last;
    writeSnapshot(generation);
  }

  private TreeMap<Long, Path> numbered(Pattern pattern) throws IOException {
    TreeMap<Long, Path> files = new TreeMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      for (Path entry : entries) {
        Matcher matcher = pattern.matcher(entry.getFileName().toString());
        if (matcher.matches()) {
          files.put(Long.parseLong(matcher.group(1)), entry);
        }
      }
    }
    return files;
  }

  /**
   * Replays a file's records; a torn or corrupt record ends it: the last journal is cut there, with
   * a warning.
   */
  private void replay(Path file, boolean lastJournal) throws IOException {
    try (FileChannel in =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = in.size();
      long position = 0;
      ByteBuffer header = ByteBuffer.allocate(8);
      while (position < size) {
        header.clear();
        int read = readFully(in, header, position);
        String problem = null;
        byte[] payload = null;
        if (read < 8) {
          problem = "a torn record header";
        } else {
          header.flip();
          int length = header.getInt();
          int crc = header.getInt();
          if (length < 0 || position + 8 + length > size) {
            problem = "a torn record of " + length + " bytes";
          } else {
            ByteBuffer body = ByteBuffer.allocate(length);
            readFully(in, body, position + 8);
            payload = body.array();
            if (crc(payload) != crc) {
              problem = "a record whose checksum does not match";
            }
          }
        }
        if (problem != null) {
          System.err.println(
              "Podium engine: WARNING: "
                  + file.getFileName()
                  + " ends with "
                  + problem
                  + " at byte "
                  + position
                  + " of "
                  + size
                  + (lastJournal
                      ? " (a write cut short by a crash, never acknowledged); " + "cutting it off"
                      : "; ignoring the rest of the file"));
          if (lastJournal) {
            in.truncate(position);
            in.force(true);
          }
          return;
        }
        database.replay(ChangeCodec.decode(payload));
        position += 8 + payload.length;
      }
    }
  }

  private static int readFully(FileChannel in, ByteBuffer buffer, long position)
      throws IOException {
    int total = 0;
    while (buffer.hasRemaining()) {
      int read = in.read(buffer, position + total);
      if (read < 0) {
        break;
      }
      total += read;
    }
    return total;
  }

  private static int crc(byte[] payload) {
    CRC32 crc = new CRC32();
    crc.update(payload);
    return (int) crc.getValue();
  }

  private static ByteBuffer frame(byte[] payload) {
    ByteBuffer record = ByteBuffer.allocate(8 + payload.length);
    record.putInt(payload.length).putInt(crc(payload)).put(payload).flip();
    return record;
  }

  /**
   * Writes everything in memory as snapshot {@code covered} (covering journal {@code covered} and
   * before), then opens journal {@code covered + 1} and deletes the older files. The caller keeps
   * writers out.
   */
  private void writeSnapshot(long covered) throws IOException {
    Path temporary = folder.resolve("snapshot.tmp");
    try (FileChannel out =
        FileChannel.open(
            temporary,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      for (Table table : database.tables()) {
        write(out, new Change.TableDefined(table.def()));
        List<Change.ItemWrite> chunk = new ArrayList<>(ITEMS_PER_SNAPSHOT_RECORD);
        for (SortedStore.Partition partition : table.items().scanFrom(null).values()) {
          for (Row row : partition.rows().values()) {
            chunk.add(
                new Change.ItemWrite(
                    table.name(),
                    app.podium.engine.store.ItemKey.of(table.def().keys(), row.item())
                        .toItem(table.def().keys()),
                    row.item()));
            if (chunk.size() == ITEMS_PER_SNAPSHOT_RECORD) {
              write(out, new Change.Items(chunk));
              chunk = new ArrayList<>(ITEMS_PER_SNAPSHOT_RECORD);
            }
          }
        }
        if (!chunk.isEmpty()) {
          write(out, new Change.Items(chunk));
        }
      }
      out.force(true);
    }
    Files.move(
        temporary,
        folder.resolve("snapshot-" + covered + ".bin"),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    forceFolder();
    if (channel != null) {
      channel.close();
    }
    generation = covered + 1;
    channel =
        FileChannel.open(
            folder.resolve("journal-" + generation + ".log"),
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
    forceFolder();
    for (Path old : numbered(SNAPSHOT).headMap(covered, false).values()) {
      Files.deleteIfExists(old);
    }
    for (Path old : numbered(JOURNAL).headMap(generation, false).values()) {
      Files.deleteIfExists(old);
    }
  }

  private static void write(FileChannel out, Change change) throws IOException {
    ByteBuffer record = frame(ChangeCodec.encode(change));
    while (record.hasRemaining()) {
      out.write(record);
    }
  }

  /**
   * Makes the folder's entries (a renamed snapshot, a new journal) durable, where the platform
   * allows it.
   */
  private void forceFolder() {
    try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException | UnsupportedOperationException notSupported) {
      // some file systems cannot open a folder for syncing; the files themselves are forced
    }
  }

  @Override
  public void record(Change change) {
    ByteBuffer record = frame(ChangeCodec.encode(change));
    boolean compact;
    gate.readLock().lock();
    try {
      long mine;
      FileChannel target;
      synchronized (appending) {
        target = channel;
        while (record.hasRemaining()) {
          target.write(record);
        }
        mine = ++appended;
      }
      synchronized (forcing) {
        if (forced < mine) {
          long covering;
          synchronized (appending) {
            covering = appended;
          }
          target.force(false);
          forced = covering;
        }
      }
      compact = !compacting && target.size() > compactBytes;
    } catch (IOException e) {
      throw new UncheckedIOException("Podium engine: cannot write the journal in " + folder, e);
    } finally {
      gate.readLock().unlock();
    }
    if (compact) {
      compactInBackground();
    }
  }

  private synchronized void compactInBackground() {
    if (compacting) {
      return;
    }
    compacting = true;
    Thread.ofPlatform()
        .daemon()
        .name("engine-compaction")
        .start(
            () -> {
              try {
                compact();
              } catch (IOException e) {
                System.err.println(
                    "Podium engine: compaction failed, the journal keeps growing: " + e);
              } finally {
                compacting = false;
              }
            });
  }

  /** Writes a snapshot of everything and starts an empty journal; writers wait meanwhile. */
  public void compact() throws IOException {
    gate.writeLock().lock();
    try {
      writeSnapshot(generation);
    } finally {
      gate.writeLock().unlock();
    }
  }

  @Override
  public void close() throws IOException {
    gate.writeLock().lock();
    try {
      if (channel != null) {
        channel.force(true);
        channel.close();
      }
      folderLock.release();
      lockChannel.close();
    } finally {
      gate.writeLock().unlock();
    }
  }
}

package dev.vsskit.lab.windows;

import com.sun.jna.Callback;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Guid;
import com.sun.jna.ptr.PointerByReference;
import dev.vsskit.lab.LabHost;
import dev.vsskit.vss.ProviderRegistrations;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.windows.ComTiming;
import dev.vsskit.vss.windows.NativeData;
import dev.vsskit.vss.windows.VssNative;
import dev.vsskit.vss.windows.WmiInterfaces;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The lab's VSS served as native COM objects, behind the binding's seam: {@code CreateVssBackupComponents} hands
 * out an {@link ServedBackupComponents} vtable of JNA callbacks over the lab's coordinator, {@code CoCreateInstance}
 * an IVssSnapshotMgmt over its volumes and shadow storage, and the free functions free what those objects
 * allocated. So the binding's classes make their real vtable calls, with GUIDs by value, UTF-16 strings and
 * out-pointers, against the lab on Linux. It also watches the requester: COM used before CoInitializeSecurity,
 * calls on more than one thread, memory not freed or freed wrongly, objects not released, a prepared backup
 * released without AbortBackup ({@link #violations()}, {@link #outstanding()}). {@link #faults()} injects what a
 * real host does: access denied, an operation that stays pending, another requester holding the snapshot set.
 * A test double: it lives in the lab, never in a product module.
 */
public final class ServedVss implements VssNative {

    /** Patience for tests: the served operations finish at once, so short waits and retry windows suffice. */
    public static final ComTiming TEST_TIMING = new ComTiming(Duration.ofSeconds(30), Duration.ofMillis(20),
            Duration.ofSeconds(2), Duration.ofMillis(10));

    static final VssId CLSID_VSS_SNAPSHOT_MGMT = VssId.parse("{0b5a2c52-3eb9-470a-96e2-6c6d4570e40f}");
    static final VssId IID_IVSS_SNAPSHOT_MGMT = VssId.parse("{fa7df749-66e7-4986-a27f-e2f04ae53772}");

    /** What the served host does wrong on purpose. */
    public static final class Faults {
        private volatile boolean accessDenied;
        private volatile int pointerSize = 8;
        private volatile int securityResult;
        private volatile int setInProgress;
        private final Set<String> pendingForever = Collections.synchronizedSet(new HashSet<>());
        private volatile int pendingQueries;

        /** CreateVssBackupComponents and CoCreateInstance fail with E_ACCESSDENIED (a process that is not elevated). */
        public Faults accessDenied(boolean on) {
            accessDenied = on;
            return this;
        }

        /** The process's pointer size (4: a 32-bit JVM). */
        public Faults pointerSize(int bytes) {
            pointerSize = bytes;
            return this;
        }

        /** What CoInitializeSecurity returns (RPC_E_TOO_LATE: someone set COM security first). */
        public Faults securityResult(int hr) {
            securityResult = hr;
            return this;
        }

        /** The next {@code times} StartSnapshotSet calls fail with VSS_E_SNAPSHOT_SET_IN_PROGRESS. */
        public Faults setInProgress(int times) {
            setInProgress = times;
            return this;
        }

        /** The operation (e.g. "DoSnapshotSet") stays VSS_S_ASYNC_PENDING until cancelled. */
        public Faults pendingForever(String operation) {
            pendingForever.add(operation);
            return this;
        }

        /** Every asynchronous operation reports pending for this many queries before its result. */
        public Faults pendingQueries(int queries) {
            pendingQueries = queries;
            return this;
        }

        synchronized boolean takeSetInProgress() {
            if (setInProgress > 0) {
                setInProgress--;
                return true;
            }
            return false;
        }

        int pending(String operation) {
            return pendingForever.contains(operation) ? -1 : pendingQueries;
        }
    }

    private final LabHost host;
    private final Faults faults = new Faults();
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final NativeHeap heap = new NativeHeap(violations);
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> threads = Collections.synchronizedSet(new LinkedHashSet<>());
    private final Set<ServedObject> live = Collections.synchronizedSet(new LinkedHashSet<>());
    private final List<Callback> keep = Collections.synchronizedList(new ArrayList<>());
    private final List<String> cancels = Collections.synchronizedList(new ArrayList<>());
    private volatile int aborts;
    private final java.util.Map<VssId, String> exposures = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile String lastFailure = "";
    private volatile boolean comInitialised;
    private volatile boolean securityInitialised;
    private final Set<String> comThreads = Collections.synchronizedSet(new HashSet<>());

    private final ServedWmi wmi;

    public ServedVss(LabHost host) {
        this.host = host;
        this.wmi = new ServedWmi(this, host);
    }

    /** Hyper-V's WMI over the lab, handed out by CoCreateInstance(CLSID_WbemLocator). */
    public ServedWmi wmi() {
        return wmi;
    }

    public Faults faults() {
        return faults;
    }

    /** What the requester did wrong, in order; empty for a requester that followed the rules. */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    /** Memory handed out and not freed, and objects not released. */
    public List<String> outstanding() {
        List<String> out = new ArrayList<>(heap.outstanding());
        synchronized (live) {
            live.forEach(o -> out.add(o.iface + " not released"));
        }
        return out;
    }

    /** {@link #violations()} then {@link #outstanding()}: empty for a requester that did everything right. */
    public List<String> problems() {
        List<String> out = new ArrayList<>(violations());
        out.addAll(outstanding());
        return out;
    }

    /** Every COM method called, as {@code IVssBackupComponents::DoSnapshotSet}, in order. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    /** The names of the threads the requester called COM on. */
    public Set<String> threads() {
        return Set.copyOf(threads);
    }

    /** The operations whose IVssAsync was cancelled. */
    public List<String> cancels() {
        return List.copyOf(cancels);
    }

    public int aborts() {
        return aborts;
    }

    /** The lab's message for the last failed call (the HRESULT is what the requester sees). */
    public String lastFailure() {
        return lastFailure;
    }

    NativeHeap heap() {
        return heap;
    }

    void called(String iface, String method) {
        calls.add(iface + "::" + method);
        threads.add(Thread.currentThread().getName());
        if (!securityInitialised) {
            violations.add(iface + "::" + method + " called before CoInitializeSecurity");
        }
    }

    void violation(String what) {
        violations.add(what);
    }

    void lastFailure(String message) {
        lastFailure = message;
    }

    void created(ServedObject o) {
        live.add(o);
    }

    void released(ServedObject o) {
        live.remove(o);
    }

    void keep(Callback c) {
        keep.add(c);
    }

    void cancelled(String operation) {
        cancels.add(operation);
    }

    /** Where the shadow is exposed through this served VSS (its exposed name), or null. */
    String exposedAt(VssId shadow) {
        return exposures.get(shadow);
    }

    void exposed(VssId shadow, String at) {
        exposures.put(shadow, at);
    }

    void unexposed(VssId shadow) {
        exposures.remove(shadow);
    }

    void aborted() {
        aborts++;
    }

    private void entry(String name) {
        calls.add(name);
        threads.add(Thread.currentThread().getName());
    }

    @Override
    public int pointerSize() {
        return faults.pointerSize;
    }

    @Override
    public String computerName() {
        return host.computerName();
    }

    @Override
    public ProviderRegistrations.Result providerRegistrations() {
        return new ProviderRegistrations.Result(host.providers(), List.of());
    }

    @Override
    public long volumeCapacityBytes(String volumeName) {
        return host.config().volumes().stream().filter(v -> v.volumeName().equalsIgnoreCase(volumeName))
                .mapToLong(v -> v.capacityBytes()).findFirst().orElse(0L);
    }

    @Override
    public int coInitializeEx(int coInit) {
        entry("CoInitializeEx");
        if (coInit != 0) {
            violations.add("CoInitializeEx with " + coInit + ", not COINIT_MULTITHREADED");
        }
        comInitialised = true;
        return comThreads.add(Thread.currentThread().getName()) ? 0 : 1;
    }

    @Override
    public int coInitializeSecurity(int authnLevel, int impLevel, int capabilities) {
        entry("CoInitializeSecurity");
        if (!comInitialised) {
            violations.add("CoInitializeSecurity before CoInitializeEx");
        }
        if (securityInitialised) {
            violations.add("CoInitializeSecurity called twice");
        }
        securityInitialised = true;
        return faults.securityResult;
    }

    @Override
    public void coUninitialize() {
        entry("CoUninitialize");
    }

    @Override
    public int coCreateInstance(Guid.GUID clsid, int clsContext, Guid.GUID iid, PointerByReference out) {
        entry("CoCreateInstance");
        if (!securityInitialised) {
            violations.add("CoCreateInstance before CoInitializeSecurity");
        }
        if (faults.accessDenied) {
            return 0x80070005;
        }
        if (NativeData.fromGuid(clsid).equals(WmiInterfaces.CLSID_WBEM_LOCATOR)
                && NativeData.fromGuid(iid).equals(WmiInterfaces.IID_IWBEM_LOCATOR)) {
            out.setValue(wmi.locator().pointer());
            return 0;
        }
        if (!NativeData.fromGuid(clsid).equals(CLSID_VSS_SNAPSHOT_MGMT) || !NativeData.fromGuid(iid).equals(IID_IVSS_SNAPSHOT_MGMT)) {
            return 0x80040154; // REGDB_E_CLASSNOTREG
        }
        out.setValue(new ServedSnapshotMgmt(this, host).pointer());
        return 0;
    }

    @Override
    public int createVssBackupComponents(PointerByReference out) {
        entry("CreateVssBackupComponents");
        if (!securityInitialised) {
            violations.add("CreateVssBackupComponents before CoInitializeSecurity");
        }
        if (faults.accessDenied) {
            return 0x80070005;
        }
        out.setValue(new ServedBackupComponents(this, host).pointer());
        return 0;
    }

    @Override
    public void vssFreeSnapshotProperties(Pointer snapshotProp) {
        entry("VssFreeSnapshotProperties");
        ServedStructs.freeSnapshotProp(heap, snapshotProp);
    }

    @Override
    public void coTaskMemFree(Pointer p) {
        entry("CoTaskMemFree");
        heap.free(p, NativeHeap.Kind.COTASKMEM, "CoTaskMemFree");
    }

    @Override
    public void sysFreeString(Pointer bstr) {
        entry("SysFreeString");
        heap.free(bstr, NativeHeap.Kind.BSTR, "SysFreeString");
    }

    @Override
    public int coSetProxyBlanket(Pointer proxy, int authnSvc, int authzSvc, int authnLevel, int impLevel,
            int capabilities) {
        entry("CoSetProxyBlanket");
        return wmi.setBlanket(proxy, authnLevel, impLevel);
    }

    @Override
    public int variantClear(Pointer variant) {
        entry("VariantClear");
        return wmi.clear(variant);
    }
}

package dev.vsskit.lab.windows;

import com.sun.jna.Pointer;
import dev.vsskit.lab.LabConfig;
import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.backup.LabVmStates;
import dev.vsskit.vss.windows.NativeData;
import dev.vsskit.vss.windows.WmiInterfaces;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hyper-V's WMI namespace {@code ROOT\virtualization\v2} over the lab, served as native COM objects (IWbemLocator,
 * IWbemServices, IEnumWbemClassObject, IWbemClassObject): the host's own {@code Msvm_ComputerSystem} and one per VM
 * this node owns and has registered, their realized {@code Msvm_VirtualSystemSettingData}, and
 * {@code RequestStateChange}, which starts an {@code Msvm_ConcreteJob} that really turns the lab VM on or off
 * ({@link LabVmStates}) when it completes, after a few polls. What Hyper-V refuses it refuses too: a state the VM
 * is already in (32775), a state the lab cannot be put in (32770). {@link Faults} injects a refused call and a failed
 * job. It checks the requester: WQL only, the services proxy's blanket set before use, in-parameters spawned from
 * the method's signature.
 */
public final class ServedWmi {

    static final String NAMESPACE = "ROOT\\virtualization\\v2";
    static final int WBEM_E_FAILED = 0x80041001;
    static final int WBEM_E_INVALID_PARAMETER = 0x80041008;
    static final int WBEM_E_INVALID_CLASS = 0x80041010;
    static final int WBEM_E_INVALID_QUERY_TYPE = 0x80041018;
    static final int WBEM_E_INVALID_OBJECT_PATH = 0x8004103A;

    /** What the served Hyper-V does wrong on purpose. */
    public static final class Faults {
        private volatile int stateChangeReturn = -1;
        private volatile String failingJob;
        private volatile int jobPolls = 2;

        /** The next RequestStateChange returns {@code code} (e.g. 32775, 32774) and changes nothing. */
        public Faults stateChangeReturns(int code) {
            stateChangeReturn = code;
            return this;
        }

        /** The next state change's job ends in JobState 10 (Exception), error 32768, with this description. */
        public Faults failJob(String description) {
            failingJob = description;
            return this;
        }

        /** How many GetObject polls a job reports Running (4) before it ends. */
        public Faults jobPolls(int polls) {
            jobPolls = polls;
            return this;
        }

        synchronized int takeStateChangeReturn() {
            int r = stateChangeReturn;
            stateChangeReturn = -1;
            return r;
        }

        synchronized String takeFailingJob() {
            String f = failingJob;
            failingJob = null;
            return f;
        }
    }

    /** One job: which VM, the state asked for, polls left, and how it ends. */
    private static final class Job {
        final String vm;
        final int requested;
        int pollsLeft;
        final String failure;
        int state = 4;

        Job(String vm, int requested, int polls, String failure) {
            this.vm = vm;
            this.requested = requested;
            this.pollsLeft = polls;
            this.failure = failure;
        }
    }

    private final ServedVss vss;
    private final LabHost host;
    private final Faults faults = new Faults();
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Set<Pointer> blanketed = Collections.synchronizedSet(new java.util.HashSet<>());
    private final List<String> stateChanges = Collections.synchronizedList(new ArrayList<>());

    private final ServedClusterWmi cluster;
    private final ServedStorageWmi storage;

    ServedWmi(ServedVss vss, LabHost host) {
        this.vss = vss;
        this.host = host;
        this.cluster = new ServedClusterWmi(this, vss, host);
        this.storage = new ServedStorageWmi(this, vss, host);
    }

    /** The failover cluster's namespace, ROOT\MSCluster (served on a lab of two or more nodes). */
    public ServedClusterWmi cluster() {
        return cluster;
    }

    /** The Storage Management API's namespace, which this locator hands out too. */
    public ServedStorageWmi storage() {
        return storage;
    }

    public Faults faults() {
        return faults;
    }

    /** Every RequestStateChange, as {@code VM -> 3} (the VM's name and the requested state), in order. */
    public List<String> stateChanges() {
        return List.copyOf(stateChanges);
    }

    /** How many GetObject polls of jobs the requester made. */
    public int jobPollCount() {
        return polls;
    }

    private volatile int polls;

    LabVmStates states() {
        return new LabVmStates(host.dir());
    }

    /** The VMs this node owns and has registered (Hyper-V's WMI on a node knows only those). */
    List<LabConfig.LabVm> vms() {
        LabVmStates states = states();
        var cluster = host.cluster();
        return host.config().vms().stream().filter(vm -> cluster.ownerOf(vm).equalsIgnoreCase(host.node()))
                .filter(vm -> states.get(vm.name()).registered()).toList();
    }

    static String guid(LabConfig.LabVm vm) {
        return vm.id().uuid().toString().toUpperCase(Locale.ROOT);
    }

    String vmPath(LabConfig.LabVm vm) {
        return "\\\\" + host.computerName() + "\\root\\virtualization\\v2:Msvm_ComputerSystem.CreationClassName="
                + "\"Msvm_ComputerSystem\",Name=\"" + guid(vm) + "\"";
    }

    Map<String, Object> computerSystem(LabConfig.LabVm vm) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("__PATH", vmPath(vm));
        p.put("__CLASS", "Msvm_ComputerSystem");
        p.put("Name", guid(vm));
        p.put("ElementName", vm.name());
        p.put("Caption", "Virtual Machine");
        p.put("EnabledState", states().get(vm.name()).running() ? 2 : 3);
        p.put("HealthState", 5);
        return p;
    }

    Map<String, Object> hostSystem() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("__PATH", "\\\\" + host.computerName() + "\\root\\virtualization\\v2:Msvm_ComputerSystem.CreationClassName="
                + "\"Msvm_ComputerSystem\",Name=\"" + host.computerName() + "\"");
        p.put("__CLASS", "Msvm_ComputerSystem");
        p.put("Name", host.computerName());
        p.put("ElementName", host.computerName());
        p.put("Caption", "Hosting Computer System");
        p.put("EnabledState", 2);
        p.put("HealthState", 5);
        return p;
    }

    Map<String, Object> settings(LabConfig.LabVm vm) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("__CLASS", "Msvm_VirtualSystemSettingData");
        p.put("InstanceID", "Microsoft:" + guid(vm));
        p.put("VirtualSystemIdentifier", guid(vm));
        p.put("ElementName", vm.name());
        p.put("VirtualSystemType", "Microsoft:Hyper-V:System:Realized");
        String root = host.config().volume(vm.volume()).map(LabConfig.LabVolume::path).orElse("");
        p.put("ConfigurationDataRoot", root.endsWith("\\") ? root + vm.name() : root + "\\" + vm.name());
        return p;
    }

    private static final Pattern SELECT = Pattern.compile(
            "(?i)\\s*SELECT\\s+\\*\\s+FROM\\s+(\\w+)\\s*(?:WHERE\\s+(.+?))?\\s*");
    private static final Pattern CONDITION = Pattern.compile("(?i)\\s*(\\w+)\\s*=\\s*'([^']*)'\\s*");

    /** ExecQuery: {@code SELECT * FROM class [WHERE Prop = 'value' [AND ...]]}; null for a query it cannot run. */
    List<Map<String, Object>> query(String wql) {
        Matcher m = SELECT.matcher(wql);
        if (!m.matches()) {
            return null;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        switch (m.group(1).toLowerCase(Locale.ROOT)) {
            case "msvm_computersystem" -> {
                rows.add(hostSystem());
                vms().forEach(vm -> rows.add(computerSystem(vm)));
            }
            case "msvm_virtualsystemsettingdata" -> vms().forEach(vm -> rows.add(settings(vm)));
            default -> {
                return List.of();
            }
        }
        if (m.group(2) == null) {
            return rows;
        }
        List<String[]> conditions = new ArrayList<>();
        for (String c : m.group(2).split("(?i)\\s+AND\\s+")) {
            Matcher cm = CONDITION.matcher(c);
            if (!cm.matches()) {
                return null;
            }
            conditions.add(new String[] {cm.group(1), cm.group(2)});
        }
        return rows.stream().filter(r -> conditions.stream().allMatch(c -> r.entrySet().stream()
                .anyMatch(e -> e.getKey().equalsIgnoreCase(c[0]) && String.valueOf(e.getValue()).equalsIgnoreCase(c[1]))))
                .toList();
    }

    static boolean knownClass(String wql) {
        Matcher m = SELECT.matcher(wql);
        return m.matches() && List.of("msvm_computersystem", "msvm_virtualsystemsettingdata")
                .contains(m.group(1).toLowerCase(Locale.ROOT));
    }

    Optional<LabConfig.LabVm> vmOfPath(String path) {
        Matcher m = Pattern.compile("(?i)Msvm_ComputerSystem\\..*Name=\"([^\"]+)\"").matcher(path);
        if (!m.find()) {
            return Optional.empty();
        }
        return vms().stream().filter(vm -> guid(vm).equalsIgnoreCase(m.group(1))).findFirst();
    }

    /** RequestStateChange: the return value and, for 4096, the job's path. */
    Map<String, Object> requestStateChange(LabConfig.LabVm vm, int requested) {
        stateChanges.add(vm.name() + " -> " + requested);
        Map<String, Object> out = new LinkedHashMap<>();
        int forced = faults.takeStateChangeReturn();
        if (forced >= 0) {
            out.put("ReturnValue", forced);
            return out;
        }
        if (requested != 2 && requested != 3) {
            out.put("ReturnValue", 32770); // the lab's VMs run or are off: no saved state, pause or reset
            return out;
        }
        boolean running = states().get(vm.name()).running();
        if ((requested == 2) == running) {
            out.put("ReturnValue", 32775); // already in that state
            return out;
        }
        String id = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        jobs.put(id, new Job(vm.name(), requested, faults.jobPolls, faults.takeFailingJob()));
        out.put("ReturnValue", 4096);
        out.put("Job", "\\\\" + host.computerName() + "\\root\\virtualization\\v2:Msvm_ConcreteJob.InstanceID=\"" + id
                + "\"");
        return out;
    }

    /** GetObject of a job: Running for its polls, then Completed (the VM's state changed) or Exception. */
    Optional<Map<String, Object>> job(String path) {
        Matcher m = Pattern.compile("(?i)Msvm_ConcreteJob\\.InstanceID=\"([^\"]+)\"").matcher(path);
        if (!m.find()) {
            return Optional.empty();
        }
        Job j = jobs.get(m.group(1).toUpperCase(Locale.ROOT));
        if (j == null) {
            return Optional.empty();
        }
        synchronized (j) {
            polls++;
            if (j.state == 4) {
                if (j.pollsLeft > 0) {
                    j.pollsLeft--;
                } else if (j.failure != null) {
                    j.state = 10;
                } else {
                    LabVmStates states = states();
                    states.set(j.vm, new LabVmStates.State(j.requested == 2, states.get(j.vm).registered()));
                    j.state = 7;
                }
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("__CLASS", "Msvm_ConcreteJob");
            p.put("InstanceID", m.group(1));
            p.put("JobState", j.state);
            p.put("PercentComplete", j.state == 7 ? 100 : 50);
            p.put("ErrorCode", j.state == 10 ? 32768 : 0);
            p.put("ErrorDescription", j.state == 10 ? j.failure : null);
            return Optional.of(p);
        }
    }

    // --- the native objects -------------------------------------------------------------------------------

    /** IWbemLocator: ConnectServer to the Hyper-V namespace, ROOT\MSCluster and the Storage Management API's. */
    final class Locator extends ServedObject {
        Locator() {
            super(ServedWmi.this.vss, "IWbemLocator", 4);
            set(3, (Fn.FPPPPIPPP) (self, ns, user, password, locale, flags, authority, ctx, out) -> hr("ConnectServer",
                    () -> {
                        String namespace = NativeData.readUtf16(ns);
                        if (ServedClusterWmi.NAMESPACE.equalsIgnoreCase(namespace)) {
                            return cluster.connect(out);
                        }
                        if (ServedStorageWmi.NAMESPACE.equalsIgnoreCase(namespace)) {
                            out.setPointer(0, storage.services().pointer());
                            return 0;
                        }
                        if (namespace == null || !namespace.equalsIgnoreCase(NAMESPACE)) {
                            return WmiInterfaces.WBEM_E_INVALID_NAMESPACE;
                        }
                        out.setPointer(0, new Services().pointer());
                        return 0;
                    }));
        }
    }

    /** IWbemServices: GetObject, ExecQuery, ExecMethod. */
    final class Services extends ServedObject {
        Services() {
            super(ServedWmi.this.vss, "IWbemServices", 37);
            set(6, (Fn.FPIPPP) (self, path, flags, ctx, out, callResult) -> hr("GetObject", () -> {
                blanket(self);
                String p = NativeData.readUtf16(path);
                if (p == null) {
                    return WBEM_E_INVALID_OBJECT_PATH;
                }
                if (p.equalsIgnoreCase("Msvm_ComputerSystem")) {
                    out.setPointer(0, new ClassObject("Msvm_ComputerSystem").pointer());
                    return 0;
                }
                Optional<Map<String, Object>> found = job(p);
                if (found.isEmpty()) {
                    found = vmOfPath(p).map(ServedWmi.this::computerSystem);
                }
                if (found.isEmpty()) {
                    return WmiInterfaces.WBEM_E_NOT_FOUND;
                }
                out.setPointer(0, new Instance(found.get()).pointer());
                return 0;
            }));
            set(20, (Fn.FPPIPP) (self, language, query, flags, ctx, out) -> hr("ExecQuery", () -> {
                blanket(self);
                if (!"WQL".equalsIgnoreCase(NativeData.readUtf16(language))) {
                    return WBEM_E_INVALID_QUERY_TYPE;
                }
                String wql = NativeData.readUtf16(query);
                List<Map<String, Object>> rows = query(wql);
                if (rows == null) {
                    return WmiInterfaces.WBEM_E_INVALID_QUERY;
                }
                if (!knownClass(wql)) {
                    return WBEM_E_INVALID_CLASS;
                }
                out.setPointer(0, new Enumerator(rows).pointer());
                return 0;
            }));
            set(24, (Fn.FPPIPPPP) (self, path, method, flags, ctx, in, out, callResult) -> hr("ExecMethod", () -> {
                blanket(self);
                String m = NativeData.readUtf16(method);
                if (!"RequestStateChange".equals(m)) {
                    return WmiInterfaces.WBEM_E_INVALID_METHOD;
                }
                Optional<LabConfig.LabVm> vm = vmOfPath(NativeData.readUtf16(path));
                if (vm.isEmpty()) {
                    return WmiInterfaces.WBEM_E_NOT_FOUND;
                }
                Instance params = instance(in);
                if (params == null || !params.spawnedFor("RequestStateChange")) {
                    vss.violation("ExecMethod(RequestStateChange) without in-parameters spawned from its signature");
                    return WBEM_E_INVALID_PARAMETER;
                }
                Object requested = params.props.get("RequestedState");
                if (!(requested instanceof Integer r)) {
                    return WBEM_E_INVALID_PARAMETER;
                }
                out.setPointer(0, new Instance(requestStateChange(vm.get(), r)).pointer());
                return 0;
            }));
        }

        private void blanket(Pointer self) {
            ServedWmi.this.blanket(self);
        }
    }

    /** Checks that the requester set the proxy blanket on a served IWbemServices before using it. */
    void blanket(Pointer self) {
        if (!blanketed.contains(self)) {
            vss.violation("IWbemServices used before CoSetProxyBlanket on it");
            blanketed.add(self);
        }
    }

    /** CoSetProxyBlanket on a served services object. */
    int setBlanket(Pointer proxy, int authnLevel, int impLevel) {
        if (impLevel != WmiInterfaces.RPC_C_IMP_LEVEL_IMPERSONATE) {
            vss.violation("CoSetProxyBlanket with impersonation level " + impLevel + ", not RPC_C_IMP_LEVEL_IMPERSONATE");
        }
        blanketed.add(proxy);
        return 0;
    }

    /** IEnumWbemClassObject: Next hands out the rows one object each, WBEM_S_FALSE when fewer than asked remain. */
    final class Enumerator extends ServedObject {
        private final List<Map<String, Object>> rows;
        private int next;

        Enumerator(List<Map<String, Object>> rows) {
            super(ServedWmi.this.vss, "IEnumWbemClassObject", 8);
            this.rows = List.copyOf(rows);
            set(4, (Fn.FIIPP) (self, timeout, count, objects, returned) -> hr("Next", () -> {
                int n = 0;
                while (n < count && next < this.rows.size()) {
                    objects.setPointer((long) n * com.sun.jna.Native.POINTER_SIZE, new Instance(this.rows.get(next++))
                            .pointer());
                    n++;
                }
                returned.setInt(0, n);
                return n == count ? 0 : WmiInterfaces.WBEM_S_FALSE;
            }));
        }
    }

    /** Instances handed out, by interface pointer, so ExecMethod can read the in-parameters it is given. */
    private final Map<Long, Instance> instances = new ConcurrentHashMap<>();

    Instance instance(Pointer p) {
        return p == null ? null : instances.get(Pointer.nativeValue(p));
    }

    /** IWbemClassObject of an instance: Get of its properties, Put of an in-parameter's. */
    final class Instance extends ServedObject {
        final Map<String, Object> props;
        private final String method;

        Instance(Map<String, Object> props) {
            this(props, null);
        }

        Instance(Map<String, Object> props, String method) {
            super(ServedWmi.this.vss, "IWbemClassObject", 27);
            this.props = Collections.synchronizedMap(new LinkedHashMap<>(props));
            this.method = method;
            instances.put(Pointer.nativeValue(pointer()), this);
            set(0, (Fn.FPP) (self, iid, out) -> hr("QueryInterface", () -> {
                if (!NativeData.readGuid(iid, 0).equals(WmiInterfaces.IID_IWBEM_CLASS_OBJECT)) {
                    out.setPointer(0, Pointer.NULL);
                    return E_NOINTERFACE;
                }
                addRef();
                out.setPointer(0, pointer());
                return 0;
            }));
            set(4, (Fn.FPIPPP) (self, name, flags, value, type, flavor) -> hr("Get", () -> {
                String n = NativeData.readUtf16(name);
                Optional<String> key = this.props.keySet().stream().filter(k -> k.equalsIgnoreCase(n)).findFirst();
                if (key.isEmpty()) {
                    return WmiInterfaces.WBEM_E_NOT_FOUND;
                }
                writeVariant(value, this.props.get(key.get()));
                return 0;
            }));
            set(5, (Fn.FPIPI) (self, name, flags, value, type) -> hr("Put", () -> {
                String n = NativeData.readUtf16(name);
                if (this.method == null || this.props.keySet().stream().noneMatch(k -> k.equalsIgnoreCase(n))) {
                    return WmiInterfaces.WBEM_E_NOT_FOUND;
                }
                this.props.put(n, readVariant(value));
                return 0;
            }));
            set(15, (Fn.FIP) (self, flags, out) -> hr("SpawnInstance", () -> {
                if (this.method == null) {
                    return WBEM_E_FAILED;
                }
                out.setPointer(0, new Instance(this.props, this.method + "()").pointer());
                return 0;
            }));
        }

        boolean spawnedFor(String m) {
            return (m + "()").equals(method);
        }

        @Override
        void released() {
            instances.remove(Pointer.nativeValue(pointer()));
        }
    }

    /** IWbemClassObject of a class: GetMethod gives RequestStateChange's in-signature. */
    final class ClassObject extends ServedObject {
        ClassObject(String className) {
            super(ServedWmi.this.vss, "IWbemClassObject", 27);
            set(19, (Fn.FPIPP) (self, name, flags, in, out) -> hr("GetMethod", () -> {
                if (!"RequestStateChange".equals(NativeData.readUtf16(name))) {
                    return WmiInterfaces.WBEM_E_NOT_FOUND;
                }
                Map<String, Object> signature = new LinkedHashMap<>();
                signature.put("RequestedState", null);
                signature.put("TimeoutPeriod", null);
                if (in != null) {
                    in.setPointer(0, new Instance(signature, "RequestStateChange").pointer());
                }
                if (out != null) {
                    Map<String, Object> outSignature = new LinkedHashMap<>();
                    outSignature.put("Job", null);
                    outSignature.put("ReturnValue", null);
                    out.setPointer(0, new Instance(outSignature).pointer());
                }
                return 0;
            }));
        }
    }

    void writeVariant(Pointer v, Object value) {
        int vt = WmiInterfaces.VARIANT.offset("vt");
        long at = WmiInterfaces.VARIANT.offset("lVal");
        v.clear(WmiInterfaces.VARIANT.size());
        if (value == null) {
            v.setShort(vt, WmiInterfaces.VT_NULL);
        } else if (value instanceof String s) {
            v.setShort(vt, WmiInterfaces.VT_BSTR);
            v.setPointer(at, vss.heap().bstr(s));
        } else if (value instanceof Map<?, ?> embedded) {
            @SuppressWarnings("unchecked")
            Map<String, Object> props = (Map<String, Object>) embedded;
            v.setShort(vt, WmiInterfaces.VT_UNKNOWN);
            v.setPointer(at, new Instance(props).pointer());
        } else if (value instanceof Boolean b) {
            v.setShort(vt, WmiInterfaces.VT_BOOL);
            v.setShort(at, (short) (b ? -1 : 0));
        } else {
            v.setShort(vt, WmiInterfaces.VT_I4);
            v.setInt(at, ((Number) value).intValue());
        }
    }

    static Object readVariant(Pointer v) {
        short vt = v.getShort(WmiInterfaces.VARIANT.offset("vt"));
        long at = WmiInterfaces.VARIANT.offset("lVal");
        return switch (vt) {
            case WmiInterfaces.VT_I4 -> v.getInt(at);
            case WmiInterfaces.VT_I2, WmiInterfaces.VT_UI2 -> (int) v.getShort(at);
            case WmiInterfaces.VT_BSTR -> NativeData.readUtf16(v.getPointer(at));
            // VARIANT_TRUE is -1; any other non-zero value is kept as a number, which no boolean parameter accepts
            case WmiInterfaces.VT_BOOL -> v.getShort(at) == WmiInterfaces.VARIANT_TRUE ? Boolean.TRUE
                    : v.getShort(at) == WmiInterfaces.VARIANT_FALSE ? Boolean.FALSE : (Object) (int) v.getShort(at);
            default -> null;
        };
    }

    /** VariantClear: frees a BSTR the served side put in the VARIANT. */
    int clear(Pointer v) {
        short vt = v.getShort(WmiInterfaces.VARIANT.offset("vt"));
        if (vt == WmiInterfaces.VT_BSTR) {
            vss.heap().free(v.getPointer(WmiInterfaces.VARIANT.offset("bstrVal")), NativeHeap.Kind.BSTR, "VariantClear");
        } else if (vt == WmiInterfaces.VT_UNKNOWN) {
            Instance embedded = instance(v.getPointer(WmiInterfaces.VARIANT.offset("punkVal")));
            if (embedded != null) {
                embedded.release();
            }
        }
        v.setShort(WmiInterfaces.VARIANT.offset("vt"), WmiInterfaces.VT_EMPTY);
        return 0;
    }

    Locator locator() {
        return new Locator();
    }
}

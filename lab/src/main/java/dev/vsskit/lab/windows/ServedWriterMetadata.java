package dev.vsskit.lab.windows;

import com.sun.jna.Pointer;
import dev.vsskit.vss.session.WriterComponent;
import dev.vsskit.vss.session.WriterMetadata;
import dev.vsskit.vss.windows.ComStruct;
import dev.vsskit.vss.windows.HyperVCaption;
import dev.vsskit.vss.windows.NativeData;

/**
 * A writer's metadata as IVssExamineWriterMetadata, its components as IVssWMComponent (VSS_COMPONENTINFO with
 * the component type, BSTR strings) and their files as IVssWMFiledesc (path and file spec). The Hyper-V writer's
 * components are file groups and say their backup method in the caption, as on Windows; others are databases.
 */
final class ServedWriterMetadata extends ServedObject {

    /** VSS_COMPONENT_TYPE. */
    static final int VSS_CT_DATABASE = 1;
    static final int VSS_CT_FILEGROUP = 2;
    /** VSS_USAGE_TYPE VSS_UT_OTHER, VSS_SOURCE_TYPE VSS_ST_OTHER. */
    static final int OTHER = 4;

    static int componentType(String writerName) {
        return writerName.equals("Microsoft Hyper-V VSS Writer") ? VSS_CT_FILEGROUP : VSS_CT_DATABASE;
    }

    ServedWriterMetadata(ServedVss vss, WriterMetadata md) {
        super(vss, "IVssExamineWriterMetadata", 14);
        set(3, (Fn.FPPPPP) (self, instance, writer, name, usage, source) -> hr("GetIdentity", () -> {
            NativeData.writeGuid(instance, 0, md.instanceId());
            NativeData.writeGuid(writer, 0, md.writerId());
            name.setPointer(0, vss.heap().bstr(md.name()));
            usage.setInt(0, OTHER);
            source.setInt(0, 3);
            return 0;
        }));
        set(4, (Fn.FPPP) (self, includes, excludes, components) -> hr("GetFileCounts", () -> {
            includes.setInt(0, 0);
            excludes.setInt(0, 0);
            components.setInt(0, md.components().size());
            return 0;
        }));
        set(7, (Fn.FIP) (self, i, out) -> hr("GetComponent", () -> {
            if (i < 0 || i >= md.components().size()) {
                return 0x80070057;
            }
            out.setPointer(0, new Component(vss, md, md.components().get(i)).pointer());
            return 0;
        }));
    }

    static final class Component extends ServedObject {
        Component(ServedVss vss, WriterMetadata md, WriterComponent c) {
            super(vss, "IVssWMComponent", 9);
            set(3, (Fn.FP) (self, out) -> hr("GetComponentInfo", () -> {
                ComStruct t = ComStruct.COMPONENT_INFO;
                Pointer info = vss.heap().block(t.size(), NativeHeap.Kind.COMPONENT_INFO);
                info.setInt(t.offset("type"), componentType(md.name()));
                info.setPointer(t.offset("bstrLogicalPath"), vss.heap().bstr(c.logicalPath()));
                info.setPointer(t.offset("bstrComponentName"), vss.heap().bstr(c.name()));
                info.setPointer(t.offset("bstrCaption"), vss.heap().bstr(HyperVCaption.format(c.caption(), c.backupMethod())));
                info.setByte(t.offset("bSelectable"), (byte) 1);
                info.setByte(t.offset("bSelectableForRestore"), (byte) 1);
                info.setInt(t.offset("cFileCount"), c.files().size());
                out.setPointer(0, info);
                return 0;
            }));
            set(4, (Fn.FP) (self, info) -> hr("FreeComponentInfo", () -> {
                ComStruct t = ComStruct.COMPONENT_INFO;
                for (String f : new String[] {"bstrLogicalPath", "bstrComponentName", "bstrCaption"}) {
                    vss.heap().free(info.getPointer(t.offset(f)), NativeHeap.Kind.BSTR, "FreeComponentInfo");
                }
                vss.heap().free(info, NativeHeap.Kind.COMPONENT_INFO, "FreeComponentInfo");
                return 0;
            }));
            set(5, (Fn.FIP) (self, i, out) -> hr("GetFile", () -> {
                if (i < 0 || i >= c.files().size()) {
                    return 0x80070057;
                }
                out.setPointer(0, new Filedesc(vss, c.files().get(i)).pointer());
                return 0;
            }));
        }
    }

    static final class Filedesc extends ServedObject {
        Filedesc(ServedVss vss, String file) {
            super(vss, "IVssWMFiledesc", 8);
            int cut = file.lastIndexOf('\\');
            String path = cut < 0 ? "" : file.substring(0, cut);
            String spec = file.substring(cut + 1);
            set(3, (Fn.FP) (self, out) -> hr("GetPath", () -> {
                out.setPointer(0, vss.heap().bstr(path));
                return 0;
            }));
            set(4, (Fn.FP) (self, out) -> hr("GetFilespec", () -> {
                out.setPointer(0, vss.heap().bstr(spec));
                return 0;
            }));
        }
    }
}

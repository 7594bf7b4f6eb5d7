package dev.vsskit.ontap.client;

/** An SVM (storage virtual machine). */
public record SvmInfo(String name, String uuid, String state) {
}

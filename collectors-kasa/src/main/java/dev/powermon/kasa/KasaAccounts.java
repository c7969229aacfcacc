package dev.powermon.kasa;

import dev.powermon.net.DeviceCredentials;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The accounts a KLAP or AES handshake tries, in the reference's order (kasa.md §5): the operator's
 * TP-Link account, then TP-Link's documented Kasa and Tapo defaults, then blank (a device never
 * bound to the cloud, or factory reset). Cloud-bound devices switch between the operator's account
 * and the Kasa default now and then, so every handshake checks them all.
 */
final class KasaAccounts {
  /** What a handshake matched, for the summary; never the password. */
  enum Kind {
    OPERATOR("the credentials file's account"),
    KASA_DEFAULT("the Kasa default account"),
    TAPO_DEFAULT("the Tapo default account"),
    BLANK("blank credentials");

    private final String words;

    Kind(String words) {
      this.words = words;
    }

    @Override
    public String toString() {
      return words;
    }
  }

  /**
   * One candidate account, with its KLAP auth hashes: computed once here rather than by every
   * device's every handshake, which checks the device's proof against each account and version.
   */
  record Account(Kind kind, DeviceCredentials credentials, Map<KlapVersion, byte[]> klapHashes) {
    Account(Kind kind, DeviceCredentials credentials) {
      this(kind, credentials, hashes(credentials));
    }

    /** The account's KLAP auth hash in {@code version} (a copy). */
    byte[] klapAuthHash(KlapVersion version) {
      return klapHashes.get(version).clone();
    }

    private static Map<KlapVersion, byte[]> hashes(DeviceCredentials c) {
      Map<KlapVersion, byte[]> m = new EnumMap<>(KlapVersion.class);
      for (KlapVersion v : KlapVersion.values()) {
        m.put(v, v.authHash(c.username(), c.password()));
      }
      return Collections.unmodifiableMap(m);
    }
  }

  private final List<Account> accounts;

  /** {@code operator} may be null: no credentials file, only the defaults are tried. */
  KasaAccounts(DeviceCredentials operator) {
    List<Account> list = new ArrayList<>();
    if (operator != null) {
      list.add(new Account(Kind.OPERATOR, operator));
    }
    list.add(
        new Account(Kind.KASA_DEFAULT, new DeviceCredentials("kasa@tp-link.net", "kasaSetup")));
    list.add(new Account(Kind.TAPO_DEFAULT, new DeviceCredentials("test@tp-link.net", "test")));
    list.add(new Account(Kind.BLANK, new DeviceCredentials("", "")));
    this.accounts = List.copyOf(list);
  }

  List<Account> all() {
    return accounts;
  }

  boolean hasOperator() {
    return accounts.get(0).kind() == Kind.OPERATOR;
  }
}

package org.fundchain.contracts;

import java.util.List;

/** The 20 extremely poor townships of Guizhou that the fund serves (SPEC §1.6), each with its county. */
public final class Townships {

    /** A township and the county it belongs to. */
    public record Township(String county, String name) {
    }

    public static final List<Township> ALL = List.of(
            new Township("威宁县", "石门乡"),
            new Township("晴隆县", "三宝彝族乡"),
            new Township("从江县", "加勉乡"),
            new Township("赫章县", "河镇彝族苗族乡"),
            new Township("望谟县", "郊纳镇"),
            new Township("黄平县", "谷陇镇"),
            new Township("册亨县", "双江镇"),
            new Township("贞丰县", "鲁容乡"),
            new Township("镇宁县", "简嘎乡"),
            new Township("纳雍县", "董地苗族彝族乡"),
            new Township("德江县", "桶井土家族乡"),
            new Township("盘县", "保基苗族彝族乡"),
            new Township("榕江县", "定威水族乡"),
            new Township("平塘县", "大塘镇"),
            new Township("雷山县", "大塘镇"),
            new Township("紫云县", "大营镇"),
            new Township("水城县", "营盘苗族彝族白族乡"),
            new Township("长顺县", "代化镇"),
            new Township("石阡县", "国荣乡"),
            new Township("务川县", "石朝乡"));

    private Townships() {
    }

    /** The township with this name in this county (two counties both have a 大塘镇), or null. */
    public static Township find(String county, String name) {
        for (Township t : ALL) {
            if (t.county().equals(county) && t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }
}

"""Organisations: the bodies that publish, answer and are assessed.

A tree: a city government → its departments and offices; county/district governments → theirs;
townships. Each organisation has a unique code (the prefix of its index numbers), a full name,
short names and aliases, a level, and the contact data its 政府信息公开指南 needs.

A *collective* (OrgGroup) is a name that stands for several organisations at once, as plans
write them: 各县市区政府, 市政府有关部门, 市属开发区管委会.
"""

from django.db import models


class Organisation(models.Model):
    LEVEL_CITY = "city"
    LEVEL_COUNTY = "county"
    LEVEL_TOWNSHIP = "township"
    LEVEL_DEPARTMENT = "department"
    LEVEL_ZONE = "zone"
    LEVEL_CHOICES = [
        (LEVEL_CITY, "市级政府"),
        (LEVEL_COUNTY, "县（市、区）政府"),
        (LEVEL_TOWNSHIP, "乡镇（街道）"),
        (LEVEL_ZONE, "开发区管委会"),
        (LEVEL_DEPARTMENT, "部门、单位"),
    ]
    GOVERNMENT_LEVELS = (LEVEL_CITY, LEVEL_COUNTY, LEVEL_TOWNSHIP)

    code = models.CharField(
        "机构代码",
        max_length=32,
        unique=True,
        help_text="唯一，用作索引号前缀，如 000014349 或统一社会信用代码。",
    )
    name = models.CharField("全称", max_length=120, help_text="如：聊城市发展和改革委员会")
    short_name = models.CharField("简称", max_length=60, help_text="本级内的称呼，如：市发展改革委")
    level = models.CharField("层级", max_length=20, choices=LEVEL_CHOICES)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Denormalised root (the city) for fast scoping; kept by save().
    city = models.ForeignKey(
        "self",
        verbose_name="所属市",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    sort_order = models.PositiveIntegerField("排序", default=100)
    is_active = models.BooleanField("在用", default=True)

    # Contact data for the 政府信息公开指南.
    address = models.CharField("办公地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    phone = models.CharField("联系电话", max_length=60, blank=True)
    fax = models.CharField("传真", max_length=60, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    website = models.URLField("网站", blank=True)
    office_hours = models.CharField("办公时间", max_length=200, blank=True)
    how_to_apply = models.TextField(
        "申请方式", blank=True, help_text="依申请公开的受理机构、渠道和要求。"
    )
    functions = models.TextField("机构职能", blank=True)

    class Meta:
        verbose_name = "组织机构"
        verbose_name_plural = "组织机构"
        ordering = ["sort_order", "code"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        moved = self.pk is not None and (
            Organisation.objects.filter(pk=self.pk).exclude(parent_id=self.parent_id).exists()
        )
        self.city = self._find_city()
        super().save(*args, **kwargs)
        if moved:  # everything below follows it into its (new) city
            below = self._walk_below()
            Organisation.objects.filter(pk__in=below).update(city=self.root)

    def _find_city(self):
        node = self.parent
        if node is None:
            return None
        while node.parent_id is not None:
            node = node.parent
        return node

    @property
    def root(self):
        return self.city or self

    def ancestors(self):
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain

    def descendant_ids(self) -> set[int]:
        """Ids of this organisation and everything below it."""
        if self.parent_id is None:  # a city: every organisation below records it (save())
            return {
                self.pk,
                *Organisation.objects.filter(city_id=self.pk)
                .order_by()
                .values_list("pk", flat=True),
            }
        return {self.pk, *self._walk_below()}

    def _walk_below(self) -> set[int]:
        ids: set[int] = set()
        frontier = [self.pk]
        while frontier:
            frontier = list(
                Organisation.objects.filter(parent_id__in=frontier)
                .order_by()
                .values_list("pk", flat=True)
            )
            ids.update(frontier)
        return ids

    def is_within(self, other: "Organisation") -> bool:
        return self.pk == other.pk or any(a.pk == other.pk for a in self.ancestors())

    def all_names(self) -> list[str]:
        names = [self.name, self.short_name, *self.aliases.values_list("name", flat=True)]
        return list(dict.fromkeys(n for n in names if n))


class OrgAlias(models.Model):
    organisation = models.ForeignKey(
        Organisation, verbose_name="机构", on_delete=models.CASCADE, related_name="aliases"
    )
    name = models.CharField("别名", max_length=120)
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "机构别名"
        verbose_name_plural = "机构别名"
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="orgs_alias_unique")
        ]

    def __str__(self):
        return f"{self.name} → {self.organisation.short_name}"


class OrgGroup(models.Model):
    """A collective name within a city: 各县市区政府, 市政府有关部门 ..."""

    city = models.ForeignKey(
        Organisation, verbose_name="所属市", on_delete=models.CASCADE, related_name="groups"
    )
    name = models.CharField("名称", max_length=120)
    aliases = models.JSONField("别名", default=list, blank=True)
    members = models.ManyToManyField(
        Organisation, verbose_name="成员", related_name="in_groups", blank=True
    )

    class Meta:
        verbose_name = "机构集合"
        verbose_name_plural = "机构集合"
        constraints = [models.UniqueConstraint(fields=["city", "name"], name="orgs_group_unique")]

    def __str__(self):
        return self.name


def alias_clash(organisation: Organisation, name: str) -> Organisation | None:
    """Another organisation of the same city already known by ``name``, if any."""
    from gongkai.rules.orgnames import normalise

    key = normalise(name)
    root = organisation.root
    same_city = Organisation.objects.filter(models.Q(pk=root.pk) | models.Q(city=root)).exclude(
        pk=organisation.pk
    )
    for other in same_city.prefetch_related("aliases"):
        if key in {normalise(n) for n in other.all_names()}:
            return other
    return None
